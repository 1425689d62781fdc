using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Portal.Analysis.Dkim;
using Portal.Articles;
using Portal.Hosting;

namespace Portal.Batch;

/// <summary>
/// <c>Portal bench-batch &lt;mailbox.mbox|zip&gt; [--reps N] [--warmup N] [--output ndjson|csv|none]</c>: a whole mailbox through
/// the same path as the API and the command line (open, analyze message by message in the analysis slots, write each result),
/// timed per pass; the working set is sampled as the passes go, to show whether memory stays flat.
/// Compare with <c>Portal bench &lt;list&gt;</c>, the single-message corpus benchmark, run just before or after.
/// </summary>
public static class MailboxBenchCommand
{
    public const string Usage = "usage: Portal bench-batch <mailbox.mbox|mailbox.zip> [--reps N] [--warmup N] [--output ndjson|csv|none]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? file = null;
        int reps = 3, warmup = 1;
        var output = "ndjson";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reps" when i + 1 < args.Length: reps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup" when i + 1 < args.Length: warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--output" when i + 1 < args.Length && args[i + 1] is "ndjson" or "csv" or "none": output = args[++i]; break;
                default: file = args[i]; break;
            }
        }
        if (file is null || !File.Exists(file))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        // Off like the corpus benchmark: no signing domain of the mailbox is sent to a resolver.
        await using var services = MailboxCommand.Services(new DkimOptions { Mode = DkimMode.Off });
        var limits = services.GetRequiredService<IOptions<PortalOptions>>().Value.Upload.Mailbox;
        var analyzer = services.GetRequiredService<MailboxAnalyzer>();
        var lines = services.GetRequiredService<MailboxJsonLines>();
        var language = Languages.Get(Languages.English);
        var bytes = await File.ReadAllBytesAsync(file);
        Console.WriteLine($"mailbox: {file}, {bytes.Length / 1e6:0.00} MB; output {output}; warm-up {warmup}, passes {reps}");

        var process = Process.GetCurrentProcess();
        var times = new List<double>();
        var samples = new List<string>();
        var messages = 0;
        for (var pass = 0; pass < warmup + reps; pass++)
        {
            var watch = Stopwatch.StartNew();
            var opening = Mailbox.Open(bytes, limits);
            if (opening.Mailbox is not { } mailbox)
            {
                Console.Error.WriteLine($"refused: {opening.Rejection} {opening.Entry}");
                return 2;
            }
            using (mailbox)
            {
                using var sink = new MemoryStream();
                var csv = new StreamWriter(Stream.Null);
                int analyzed = 0, seen = 0;
                await foreach (var item in analyzer.AnalyzeAsync(mailbox, CancellationToken.None))
                {
                    if (item.Analyzed)
                        analyzed++;
                    seen++;
                    // What the API does per line: serialize into a buffer, hand it on, reuse the buffer.
                    if (output == "ndjson")
                    {
                        sink.SetLength(0);
                        lines.WriteItem(sink, item, language);
                    }
                    else if (output == "csv")
                    {
                        MailboxCsv.WriteRow(csv, item.Row);
                    }
                    if (pass == warmup && seen % Math.Max(1, mailbox.Count / 4) == 0)
                    {
                        process.Refresh();
                        samples.Add($"{seen}: {process.WorkingSet64 / 1e6:0} MB");
                    }
                }
                var seconds = watch.Elapsed.TotalSeconds;
                messages = mailbox.Count;
                if (pass >= warmup)
                    times.Add(seconds);
                Console.WriteLine($"{(pass < warmup ? "warm-up" : "pass"),-8} {mailbox.Count} messages ({analyzed} analyzed) in {seconds * 1000:0} ms  " +
                                  $"{mailbox.Count / seconds:0.0} msgs/s  {bytes.Length / seconds / 1e6:0.00} MB/s");
            }
        }
        var median = times.Order().ElementAt(times.Count / 2);
        process.Refresh();
        Console.WriteLine($"median {median * 1000:0} ms/pass  {messages / median:0.0} msgs/s  " +
                          $"working set during the first timed pass: {string.Join(", ", samples)}  peak working set {process.PeakWorkingSet64 / 1e6:0.0} MB");
        return 0;
    }
}
