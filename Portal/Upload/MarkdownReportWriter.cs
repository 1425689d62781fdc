using System.Text;
using Portal.Analysis.Report;
using Portal.Localization;

namespace Portal.Upload;

/// <summary>The report as a Markdown document for tickets and chat: verdict, findings, suggested reply, recipients, route, structure, defects.</summary>
public static class MarkdownReportWriter
{
    public static string Write(LocalizedReport localized, Localized T, string siteOrigin)
    {
        var report = localized.Report;
        var md = new StringBuilder();
        md.AppendLine($"# {T["Analyze.ReportTitle"]}").AppendLine();
        if (report.Subject is { } subject)
            md.AppendLine($"- **{T["Analyze.Subject"]}{T["Analyze.Colon"]}** {Inline(subject)}");
        if (report.From is { } from)
            md.AppendLine($"- **{T["Analyze.From"]}{T["Analyze.Colon"]}** {Inline(from)}");
        md.AppendLine().AppendLine($"> {localized.Verdict}").AppendLine();

        md.AppendLine($"## {T["Analyze.Findings"]}").AppendLine();
        foreach (var finding in localized.Findings)
        {
            md.AppendLine($"### {Prose(finding.Title)} ({T[$"Analyze.Severity.{finding.Finding.Severity.ToString().ToLowerInvariant()}"]})").AppendLine();
            md.AppendLine(Prose(finding.Explanation)).AppendLine();
            if (finding.Evidence.Count > 0)
            {
                md.AppendLine($"**{T["Analyze.Evidence"]}**").AppendLine();
                foreach (var evidence in finding.Evidence)
                    md.AppendLine($"- {EvidenceText(evidence, T)}");
                md.AppendLine();
            }
            if (finding.Actions.Count > 0)
            {
                md.AppendLine($"**{T["Analyze.WhatYouCanDo"]}**").AppendLine();
                foreach (var action in finding.Actions)
                    md.AppendLine($"1. {Prose(action)}");
                md.AppendLine();
            }
            md.AppendLine($"{T["Analyze.ReadArticle"]}{T["Analyze.Colon"]} {siteOrigin}{finding.ArticlePath(localized.Language)}").AppendLine();
        }

        // Subject and text only: the reply names no address, so a masked export stays masked.
        md.AppendLine($"## {T["Analyze.Reply.Title"]}").AppendLine();
        md.AppendLine($"**{T["Analyze.Reply.Subject"]}{T["Analyze.Colon"]}** {Inline(localized.Reply.Subject)}").AppendLine();
        foreach (var line in localized.Reply.Body.Split('\n'))
            md.AppendLine(line.Length == 0 ? ">" : $"> {Prose(line)}");
        md.AppendLine();

        if (report.Encryption.Recipients.Count > 0)
        {
            md.AppendLine($"## {T["Analyze.Recipients"]}").AppendLine();
            Table(md, [T["Analyze.Col.Kind"], T["Analyze.Col.Issuer"], T["Analyze.Col.KeyId"], T["Analyze.Col.Algorithm"]],
                report.Encryption.Recipients.Select(r => new[] { ReportFormat.Kind(r, localized.Language.Culture), Prose(r.Issuer ?? "–"), ReportFormat.KeyIdentity(r, T), ReportFormat.Algorithm(r) }));
        }

        md.AppendLine($"## {T["Analyze.Hops"]}").AppendLine();
        if (report.Transport.Hops.Count == 0)
            md.AppendLine(T["Analyze.Hops.None"]).AppendLine();
        else
            Table(md, [T["Analyze.Col.From"], T["Analyze.Col.By"], T["Analyze.Col.Protocol"], T["Analyze.Col.Tls"], T["Analyze.Col.Delay"]],
                report.Transport.Hops.Select(h => new[] { Prose(h.From ?? "–"), Prose(h.By ?? "–"), ReportFormat.Protocol(h), ReportFormat.Tls(h, T), ReportFormat.Delay(h.DelaySeconds, T) }));

        if (report.Mime is { } mime)
        {
            md.AppendLine($"## {T["Analyze.MimeTree"]}").AppendLine();
            MimeOutline(md, mime, 0, localized.Language.Culture);
            md.AppendLine();
        }

        md.AppendLine($"## {T["Analyze.Defects"]}").AppendLine();
        if (localized.Defects.Count == 0)
            md.AppendLine(T["Analyze.Defects.None"]).AppendLine();
        else
            Table(md, [T["Analyze.Col.Code"], T["Analyze.Col.Where"], T["Analyze.Col.Description"], T["Analyze.Col.Detail"]],
                localized.Defects.Select(d => new[] { d.Defect.Code, ReportFormat.Part(d.Defect.PartPath, T), d.Description, d.Defect.Detail is { } detail ? Inline(detail) : "" }));

        md.AppendLine("---").AppendLine().AppendLine(T["Analyze.Privacy"]);
        return md.ToString();
    }

    private static string EvidenceText(LocalizedEvidence localized, Localized T)
    {
        var evidence = localized.Evidence;
        var parts = new List<string>();
        if (evidence.Header is not null)
            parts.Add(Inline(ReportFormat.RawEvidence(evidence)) + (evidence.Line is { } line ? $" ({T["Analyze.Line", line]})" : ""));
        if (evidence.PartPath is not null)
            parts.Add(ReportFormat.Part(evidence.PartPath, T));
        // A note in words reads as text; a technical one (packet name, algorithm, diagnostic) stays a code span.
        if (localized.Note is not null)
            parts.Add(Prose(localized.Note));
        else if (evidence.Note is not null)
            parts.Add(Inline(evidence.Note));
        return string.Join(" – ", parts);
    }

    private static void MimeOutline(StringBuilder md, MimeNode node, int depth, System.Globalization.CultureInfo culture)
    {
        md.Append(' ', depth * 2).Append("- ").Append(Inline(node.ContentType))
          .Append($" ({ReportFormat.Size(node.Size, culture)})");
        if (node.Filename is { } name)
            md.Append(' ').Append(Inline(name));
        md.AppendLine();
        foreach (var child in node.Children)
            MimeOutline(md, child, depth + 1, culture);
    }

    private static void Table(StringBuilder md, string[] headers, IEnumerable<string[]> rows)
    {
        md.AppendLine("| " + string.Join(" | ", headers.Select(Cell)) + " |");
        md.AppendLine("|" + string.Concat(headers.Select(_ => " --- |")));
        foreach (var row in rows)
            md.AppendLine("| " + string.Join(" | ", row.Select(Cell)) + " |");
        md.AppendLine();
    }

    /// <summary>
    /// Localized sentences carry values from the message (a Reply-To domain, a certificate subject, a host name):
    /// escape what Markdown would turn into links, images, emphasis or HTML, so the text reads exactly as written.
    /// </summary>
    private static string Prose(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '!' or '~')
                escaped.Append('\\');
            escaped.Append(c is '\r' or '\n' ? ' ' : c);
        }
        return escaped.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");

    /// <summary>Message text as a code span, so that nothing in a header can become a link, an image or markup.</summary>
    private static string Inline(string text)
    {
        var oneLine = text.Replace("\r", " ").Replace("\n", " ");
        var fence = new string('`', LongestBacktickRun(oneLine) + 1);
        return $"{fence} {oneLine} {fence}";
    }

    private static int LongestBacktickRun(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
