using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Analysis.Dkim;
using Portal.Analysis.Report;

namespace Portal.Analysis.Cli;

/// <summary><c>Portal analyze &lt;file.eml&gt; [--format json|text] [--lang en]</c>: the web app's analysis, printed.</summary>
public static class AnalyzeCommand
{
    public const string Usage = "usage: Portal analyze <file.eml> [--format json|text] [--lang en] [--dkim dns|off] [--dns-server address[:port]]";

    public static Task<int> RunAsync(string[] args) => Task.FromResult(Run(args, Console.Out, Console.Error));

    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, analyzer: null);

    /// <param name="analyzer">The analyzer to use; null for the web app's registration (tests pass their own).</param>
    public static int Run(string[] args, TextWriter output, TextWriter error, EmailAnalyzer? analyzer)
    {
        // --mailbox belongs to the mailbox command, which takes every call that carries it.
        if (AnalyzeArguments.Parse(args, defaultFormat: "text") is not { Mailbox: false } arguments || arguments.Format is not ("json" or "text"))
        {
            error.WriteLine(Usage);
            return 2;
        }
        var (file, format, language, dkim) = (arguments.File, arguments.Format, arguments.Language, arguments.Dkim);

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"cannot read {file}: {e.Message}");
            return 2;
        }

        // The same registration as the web app, so the CLI and the site cannot drift apart.
        using var services = new ServiceCollection().AddSingleton(dkim).AddAnalysis().BuildServiceProvider();
        try
        {
            var report = (analyzer ?? services.GetRequiredService<EmailAnalyzer>()).Analyze(bytes);
            output.WriteLine(format == "json" ? ReportJson.Serialize(report) : ReportText.Render(report, CultureInfo.GetCultureInfo(language)));
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The one catch for what escapes the analysis: a message, never a crash (exit 134) and never the content.
            error.WriteLine($"cannot analyze {file} ({bytes.Length} bytes): {e.GetType().Name}: {e.Message}");
            return 2;
        }
    }
}

/// <summary>A plain-text rendering of a report for the terminal, with the localized finding texts.</summary>
public static class ReportText
{
    public static string Render(AnalysisReport report, CultureInfo culture)
    {
        var text = new StringBuilder();
        text.AppendLine($"Subject: {report.Subject}");
        text.AppendLine($"From:    {report.From}");
        text.AppendLine($"Encryption: {report.Encryption.Kind}{(report.Encryption.Envelope is { } e ? $" ({e})" : "")}{(report.Encryption.Vendor is { } v ? $" vendor={v}" : "")}");
        foreach (var r in report.Encryption.Recipients)
            text.AppendLine($"  recipient {r.Kind}: {r.Issuer ?? r.KeyId ?? r.Fingerprint}{(r.SerialNumber is { } s ? $" serial {s}" : "")}{(r.SubjectKeyIdentifier is { } k ? $" ski {k}" : "")} {r.Algorithm}{(r.Hidden ? " (hidden)" : "")}");
        text.AppendLine($"Signature: {report.Signature.Kind}");
        foreach (var s in report.Signature.Signers)
            text.AppendLine($"  signer: {s.Subject ?? s.KeyId} issuer={s.Issuer} serial={s.SerialNumber} verified={(s.Verified is { } b ? b.ToString() : "not checked")}");
        foreach (var c in report.Signature.Certificates)
            text.AppendLine($"  certificate: {c.Subject} issuer={c.Issuer} valid {c.ValidFrom:yyyy-MM-dd}..{c.ValidTo:yyyy-MM-dd}{(c.Expired ? " (expired)" : "")}");
        if (report.Dkim.Signatures.Count > 0)
            text.AppendLine($"DKIM: {report.Dkim.Status}");
        foreach (var d in report.Dkim.Signatures)
            text.AppendLine($"  d={d.Domain} s={d.Selector} a={d.Algorithm} c={d.Canonicalization}{(d.BodyLengthLimit is { } l ? $" l={l}" : "")} " +
                            $"verified={(d.Verified is { } ok ? ok.ToString() : "not checked")}{(d.Failure is { } why ? $" ({why})" : "")}");
        if (report.Arc.Hops.Count > 0)
            text.AppendLine($"ARC: {report.Arc.Status} chain={report.Arc.Chain ?? "-"}");
        foreach (var hop in report.Arc.Hops)
            text.AppendLine($"  i={hop.Instance} {hop.SealingDomain} ({hop.IntermediaryKind}) cv={hop.ChainValidation} seal={(hop.SealValid is { } sv ? sv.ToString() : "not checked")} " +
                            $"vouched: {string.Join(", ", hop.VouchedResults.Select(r => $"{r.Method}={r.Result}"))}");
        if (report.Relay.Service is not null || report.Relay.TokenizedReplyTo)
            text.AppendLine($"Relay: {report.Relay.ServiceName ?? "-"} tokenized Reply-To={report.Relay.TokenizedReplyTo}");
        text.AppendLine("Route (newest first):");
        foreach (var hop in report.Transport.Hops)
            text.AppendLine($"  {hop.From ?? "?"} -> {hop.By ?? "?"} with {hop.With ?? "?"} tls={hop.Tls} {hop.TlsVersion} {hop.Cipher} {(hop.DelaySeconds is { } d ? $"+{d:0}s" : "")}".TrimEnd());
        text.AppendLine();
        foreach (var finding in report.Findings)
        {
            text.AppendLine($"[{finding.Severity.ToString().ToLowerInvariant()}] {FindingTexts.Title(finding, culture)} ({finding.Code})");
            text.AppendLine($"  {FindingTexts.Explanation(finding, culture)}");
            foreach (var action in FindingTexts.Actions(finding, culture))
                text.AppendLine($"  - {action}");
            foreach (var evidence in finding.Evidence.Take(5))
                text.AppendLine($"    evidence: {Describe(evidence, culture)}");
        }
        if (report.Defects.Count > 0)
            text.AppendLine($"Defects: {string.Join(", ", report.Defects.Select(d => $"{d.Code}@{(d.PartPath.Length == 0 ? "root" : d.PartPath)}"))}");
        return text.ToString();
    }

    private static string Describe(Evidence e, CultureInfo culture) =>
        string.Join(" ", new[]
        {
            e.Header is null ? null : $"{e.Header}{(e.Line is { } l ? $" (line {l})" : "")}: {Shorten(e.Value)}",
            e.Header is null && e.Value is not null ? Shorten(e.Value) : null,
            e.PartPath is null ? null : $"part {(e.PartPath.Length == 0 ? "root" : e.PartPath)}",
            FindingTexts.Note(e, culture) ?? e.Note,
        }.Where(s => s is not null));

    private static string? Shorten(string? value) => value is { Length: > 100 } ? value[..100] + "…" : value;
}
