using System.Text;
using Microsoft.Extensions.Options;
using Portal.Analysis;
using Portal.Analysis.Cli;
using Portal.Analysis.Dkim;
using Portal.Articles;
using Portal.Hosting;
using Portal.Localization;
using Portal.Upload;

namespace Portal.Batch;

/// <summary>
/// <c>Portal analyze mailbox.mbox [--format csv|json]</c>: a whole mailbox, one CSV row or NDJSON line per message, written as
/// each is analyzed (the same lines as <c>POST /api/analyze/batch</c>). A file is taken for a mailbox when it is a zip, when
/// its name ends in .mbox, .mbx or .zip, or with <c>--format csv</c> or <c>--mailbox</c>; anything else is one message for
/// <see cref="AnalyzeCommand"/>.
/// </summary>
public static class MailboxCommand
{
    public const string Usage = "usage: Portal analyze <mailbox.mbox|mailbox.zip> [--format csv|json] [--lang en] [--dkim dns|off] [--dns-server address[:port]] [--mailbox]";

    private static readonly string[] MailboxExtensions = [".mbox", ".mbx", ".zip"];
    private static readonly string[] OptionsWithValue = ["--format", "--lang", "--dkim", "--dns-server"];

    public static async Task<int> RunAsync(string[] args) =>
        IsMailbox(args) ? await RunAsync(args, Console.Out, Console.Error) : await AnalyzeCommand.RunAsync(args);

    public static bool IsMailbox(string[] args)
    {
        if (args.Contains("--mailbox") || args.Select((a, i) => (a, i)).Any(p => p.a == "--format" && p.i + 1 < args.Length && args[p.i + 1] == "csv"))
            return true;
        var file = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !OptionsWithValue.Contains(args[i - 1]))).FirstOrDefault();
        if (file is null)
            return false;
        if (MailboxExtensions.Any(e => file.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            return true;
        try
        {
            using var stream = File.OpenRead(file);
            Span<byte> start = stackalloc byte[4];
            return stream.ReadAtLeast(start, 4, throwOnEndOfStream: false) == 4 && start.SequenceEqual("PK\u0003\u0004"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false; // AnalyzeCommand says why it cannot be read
        }
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (AnalyzeArguments.Parse(args, defaultFormat: "csv") is not { } arguments || arguments.Format is not ("csv" or "json")
            || Languages.Find(arguments.Language) is not { } language)
        {
            error.WriteLine(Usage);
            return 2;
        }
        var (file, format, dkim) = (arguments.File, arguments.Format, arguments.Dkim);

        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"cannot read {file}: {e.Message}");
            return 2;
        }

        await using var services = Services(dkim);
        var problems = services.GetRequiredService<UploadProblems>();
        var opening = Mailbox.Open(bytes, services.GetRequiredService<IOptions<PortalOptions>>().Value.Upload.Mailbox);
        if (opening.Mailbox is not { } mailbox)
        {
            var refused = opening.Rejection!.Value;
            error.WriteLine($"{file}: {problems.Title(refused, language)}{(opening.Entry is { } entry ? $" ({entry})" : "")}. {problems.Detail(refused, language)}");
            return 2;
        }

        using (mailbox)
        {
            var lines = services.GetRequiredService<MailboxJsonLines>();
            using var line = new MemoryStream();
            int analyzed = 0, failed = 0;
            if (format == "csv")
                MailboxCsv.WriteHeader(output);
            await foreach (var item in services.GetRequiredService<MailboxAnalyzer>().AnalyzeAsync(mailbox, cancellationToken))
            {
                if (item.Analyzed)
                    analyzed++;
                else
                    failed++;
                if (format == "csv")
                {
                    MailboxCsv.WriteRow(output, item.Row);
                    continue;
                }
                line.SetLength(0);
                lines.WriteItem(line, item, language);
                output.Write(Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length));
            }
            if (format == "json")
            {
                line.SetLength(0);
                MailboxJsonLines.WriteEnd(line, new MailboxTotals(mailbox.Count, analyzed, failed));
                output.Write(Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)line.Length));
            }
            await output.FlushAsync(cancellationToken);
            error.WriteLine($"{file}: {mailbox.Count} messages, {analyzed} analyzed, {failed} not analyzed");
        }
        return 0;
    }

    /// <summary>The web app's registrations for the analysis, its texts and the mailbox, without the web app.</summary>
    public static ServiceProvider Services(DkimOptions dkim) =>
        new ServiceCollection()
            .AddLogging()
            .AddLocalization()
            .AddOptions()
            .AddSingleton(dkim)
            .AddAnalysis()
            .AddSingleton<TextProvider>()
            .AddSingleton<ReportLocalizer>()
            .AddSingleton<UploadProblems>()
            .AddSingleton<AnalysisGate>()
            .AddBatch()
            .BuildServiceProvider();
}
