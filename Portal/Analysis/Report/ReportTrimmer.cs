using System.Globalization;
using System.Text.Json;

namespace Portal.Analysis.Report;

/// <summary>
/// Keeps every report small whatever the message holds: a 20 MB Received header or a thousand hops must not come
/// back as megabytes of JSON. Echoed values are cut to <see cref="AnalysisLimits.MaxEchoedChars"/> with a visible
/// mark, lists to a length, and when the whole is still over <see cref="AnalysisLimits.MaxReportBytes"/> the caps
/// are halved until it fits. What was cut is named in one <see cref="AnalysisDefects.ReportTrimmed"/> defect.
/// </summary>
public static class ReportTrimmer
{
    private const int MaxListItems = 100;
    private const int MaxMimeNodes = 2000;
    private const int SmallestCap = 16;

    public static void Trim(AnalysisReport report, AnalysisLimits limits)
    {
        var trimmed = new SortedSet<string>(StringComparer.Ordinal);
        var caps = new Caps(limits.MaxEchoedChars, MaxListItems, MaxMimeNodes);
        Apply(report, caps, trimmed);
        while (caps.Chars > SmallestCap && JsonSerializer.SerializeToUtf8Bytes(report, ReportJson.Options).Length > limits.MaxReportBytes)
        {
            caps = new Caps(caps.Chars / 2, Math.Max(caps.Items / 2, 1), Math.Max(caps.MimeNodes / 2, 1));
            Apply(report, caps, trimmed);
        }
        if (trimmed.Count > 0)
            report.Defects.Add(new DefectEntry(AnalysisDefects.ReportTrimmed, "", 0, "cut to keep the report small: " + string.Join(", ", trimmed)));
    }

    private sealed record Caps(int Chars, int Items, int MimeNodes);

    private static void Apply(AnalysisReport report, Caps caps, ISet<string> trimmed)
    {
        string? Cut(string? value, string what)
        {
            if (value is null || value.Length <= caps.Chars)
                return value;
            trimmed.Add(what);
            var keep = char.IsHighSurrogate(value[caps.Chars - 1]) ? caps.Chars - 1 : caps.Chars;
            return $"{value[..keep]}… [truncated from {value.Length.ToString(CultureInfo.InvariantCulture)} characters]";
        }

        void Shorten<T>(List<T> list, string what)
        {
            if (list.Count <= caps.Items)
                return;
            trimmed.Add($"{what} after the first {caps.Items.ToString(CultureInfo.InvariantCulture)} of {list.Count.ToString(CultureInfo.InvariantCulture)}");
            list.RemoveRange(caps.Items, list.Count - caps.Items);
        }

        Evidence CutEvidence(Evidence e) => e with
        {
            Header = Cut(e.Header, "evidence"),
            Value = Cut(e.Value, "evidence"),
            Note = Cut(e.Note, "evidence"),
            PartPath = Cut(e.PartPath, "evidence"),
            NoteArgs = e.NoteArgs?.ToDictionary(a => a.Key, a => Cut(a.Value, "evidence")!),
        };

        report.Subject = Cut(report.Subject, "subject");
        report.From = Cut(report.From, "from");

        for (var i = 0; i < report.Findings.Count; i++)
        {
            var finding = report.Findings[i];
            var evidence = finding.Evidence.Select(CutEvidence).ToList();
            Shorten(evidence, $"evidence of {finding.Code}");
            report.Findings[i] = finding with
            {
                Evidence = evidence,
                Args = finding.Args.ToDictionary(a => a.Key, a => Cut(a.Value, "finding arguments")!),
            };
        }

        var relay = report.Relay.Evidence;
        for (var i = 0; i < relay.Count; i++)
            relay[i] = CutEvidence(relay[i]);
        Shorten(relay, "relay evidence");

        Shorten(report.Transport.Hops, "hops");
        foreach (var hop in report.Transport.Hops)
        {
            hop.From = Cut(hop.From, "hop fields");
            hop.By = Cut(hop.By, "hop fields");
            hop.With = Cut(hop.With, "hop fields");
            hop.TlsVersion = Cut(hop.TlsVersion, "hop fields");
            hop.Cipher = Cut(hop.Cipher, "hop fields");
            hop.Via = Cut(hop.Via, "hop fields");
            hop.Id = Cut(hop.Id, "hop fields");
            hop.For = Cut(hop.For, "hop fields");
            hop.Protocol = Cut(hop.Protocol, "hop fields");
        }

        var threading = report.Threading;
        threading.MessageId = Cut(threading.MessageId, "threading");
        threading.InReplyTo = Cut(threading.InReplyTo, "threading");
        Shorten(threading.References, "references");
        for (var i = 0; i < threading.References.Count; i++)
            threading.References[i] = Cut(threading.References[i], "threading")!;

        var authentication = report.Authentication;
        authentication.FromDomain = Cut(authentication.FromDomain, "authentication");
        Shorten(authentication.DkimDomains, "DKIM domains");
        for (var i = 0; i < authentication.DkimDomains.Count; i++)
            authentication.DkimDomains[i] = Cut(authentication.DkimDomains[i], "authentication")!;
        Shorten(authentication.Results, "authentication results");
        for (var i = 0; i < authentication.Results.Count; i++)
        {
            var r = authentication.Results[i];
            authentication.Results[i] = r with
            {
                Method = Cut(r.Method, "authentication")!, Result = Cut(r.Result, "authentication")!,
                Source = Cut(r.Source, "authentication")!, Detail = Cut(r.Detail, "authentication"),
            };
        }

        Shorten(report.Encryption.Recipients, "recipients");
        foreach (var r in report.Encryption.Recipients)
        {
            r.Issuer = Cut(r.Issuer, "recipients");
            r.SerialNumber = Cut(r.SerialNumber, "recipients");
            r.SubjectKeyIdentifier = Cut(r.SubjectKeyIdentifier, "recipients");
            r.Fingerprint = Cut(r.Fingerprint, "recipients");
        }
        report.Encryption.ContentAlgorithm = Cut(report.Encryption.ContentAlgorithm, "encryption");
        report.Encryption.Vendor = Cut(report.Encryption.Vendor, "encryption");

        Shorten(report.Signature.Signers, "signers");
        foreach (var s in report.Signature.Signers)
        {
            s.Subject = Cut(s.Subject, "signers");
            s.Issuer = Cut(s.Issuer, "signers");
            s.SerialNumber = Cut(s.SerialNumber, "signers");
            s.SubjectKeyIdentifier = Cut(s.SubjectKeyIdentifier, "signers");
            s.Fingerprint = Cut(s.Fingerprint, "signers");
        }

        if (report.Forward is { } forward)
        {
            forward.ForwardedBy = Cut(forward.ForwardedBy, "forward");
            forward.ForwardedTo = Cut(forward.ForwardedTo, "forward");
            forward.Subject = Cut(forward.Subject, "forward");
            forward.MessageId = Cut(forward.MessageId, "forward");
            forward.FileName = Cut(forward.FileName, "forward");
            forward.Separator = Cut(forward.Separator, "forward");
            Shorten(forward.Hops, "forward hops");
            foreach (var hop in forward.Hops)
            {
                hop.From = Cut(hop.From, "forward");
                hop.By = Cut(hop.By, "forward");
                hop.With = Cut(hop.With, "forward");
                hop.Id = Cut(hop.Id, "forward");
                hop.For = Cut(hop.For, "forward");
                hop.Via = Cut(hop.Via, "forward");
            }
            if (forward.Original is { } original)
            {
                original.From = Cut(original.From, "forward");
                original.Date = Cut(original.Date, "forward");
                original.To = Cut(original.To, "forward");
                original.Subject = Cut(original.Subject, "forward");
            }
        }

        Shorten(report.Defects, "defects");
        for (var i = 0; i < report.Defects.Count; i++)
            report.Defects[i] = report.Defects[i] with { Detail = Cut(report.Defects[i].Detail, "defect details"), PartPath = Cut(report.Defects[i].PartPath, "defect details")! };

        if (report.Mime is { } root)
        {
            var remaining = caps.MimeNodes;
            TrimTree(root, ref remaining, Cut, trimmed);
        }
    }

    private static void TrimTree(MimeNode node, ref int remaining, Func<string?, string, string?> cut, ISet<string> trimmed)
    {
        remaining--;
        node.ContentType = cut(node.ContentType, "MIME structure")!;
        node.Filename = cut(node.Filename, "MIME structure");
        node.PartPath = cut(node.PartPath, "MIME structure")!;
        for (var i = 0; i < node.Children.Count; i++)
        {
            if (remaining <= 0)
            {
                trimmed.Add("MIME structure");
                node.Children.RemoveRange(i, node.Children.Count - i);
                break;
            }
            TrimTree(node.Children[i], ref remaining, cut, trimmed);
        }
    }
}
