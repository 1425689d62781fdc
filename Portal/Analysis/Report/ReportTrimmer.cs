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
        while (caps.Chars > SmallestCap && Oversized(report, limits.MaxReportBytes))
        {
            caps = new Caps(caps.Chars / 2, Math.Max(caps.Items / 2, 1), Math.Max(caps.MimeNodes / 2, 1));
            Apply(report, caps, trimmed);
        }
        if (trimmed.Count > 0)
            report.Defects.Add(new DefectEntry(AnalysisDefects.ReportTrimmed, "", 0, "cut to keep the report small: " + string.Join(", ", trimmed)));
    }

    private sealed record Caps(int Chars, int Items, int MimeNodes);

    private static readonly JsonSizeBound ReportSize = new(ReportJson.Options);

    // Serializing every report only to learn its size was the largest single cost of analysing ordinary mail: an
    // upper bound from what the report holds settles almost all of them, and only a report that may be too large
    // is serialized to be measured exactly.
    private static bool Oversized(AnalysisReport report, int maxBytes) =>
        ReportSize.Of(report, enough: maxBytes) > maxBytes
        && JsonSerializer.SerializeToUtf8Bytes(report, ReportJson.Options).Length > maxBytes;

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

        // Lists whose items are cut once the list is short enough.
        void ShortenAndCut<T>(List<T> list, string what, Func<T, T> cut)
        {
            Shorten(list, what);
            for (var i = 0; i < list.Count; i++)
                list[i] = cut(list[i]);
        }

        // The message's route and a forward's own route are the same kind of list.
        void ShortenHops(List<HopEntry> hops, string what, string fields)
        {
            Shorten(hops, what);
            foreach (var hop in hops)
            {
                hop.From = Cut(hop.From, fields);
                hop.By = Cut(hop.By, fields);
                hop.With = Cut(hop.With, fields);
                hop.TlsVersion = Cut(hop.TlsVersion, fields);
                hop.Cipher = Cut(hop.Cipher, fields);
                hop.Via = Cut(hop.Via, fields);
                hop.Id = Cut(hop.Id, fields);
                hop.For = Cut(hop.For, fields);
                hop.Protocol = Cut(hop.Protocol, fields);
            }
        }

        // Values are rarely long: a dictionary or an evidence record is copied only when something in it is cut.
        IReadOnlyDictionary<string, string>? CutArgs(IReadOnlyDictionary<string, string>? args, string what)
        {
            if (args is null)
                return null;
            foreach (var value in args.Values)
                if (value is not null && value.Length > caps.Chars)
                    return args.ToDictionary(a => a.Key, a => Cut(a.Value, what)!);
            return args;
        }

        Evidence CutEvidence(Evidence e)
        {
            var (header, value, note, partPath, noteArgs) =
                (Cut(e.Header, "evidence"), Cut(e.Value, "evidence"), Cut(e.Note, "evidence"), Cut(e.PartPath, "evidence"), CutArgs(e.NoteArgs, "evidence"));
            return ReferenceEquals(header, e.Header) && ReferenceEquals(value, e.Value) && ReferenceEquals(note, e.Note)
                   && ReferenceEquals(partPath, e.PartPath) && ReferenceEquals(noteArgs, e.NoteArgs)
                ? e
                : e with { Header = header, Value = value, Note = note, PartPath = partPath, NoteArgs = noteArgs };
        }

        report.Subject = Cut(report.Subject, "subject");
        report.From = Cut(report.From, "from");

        for (var i = 0; i < report.Findings.Count; i++)
        {
            var finding = report.Findings[i];
            List<Evidence>? evidence = null;
            for (var k = 0; k < finding.Evidence.Count; k++)
            {
                var item = CutEvidence(finding.Evidence[k]);
                if (evidence is null && !ReferenceEquals(item, finding.Evidence[k]))
                    evidence = [.. finding.Evidence.Take(k)];
                evidence?.Add(item);
            }
            if (evidence is null && finding.Evidence.Count > caps.Items)
                evidence = [.. finding.Evidence];
            if (evidence is not null)
                Shorten(evidence, $"evidence of {finding.Code}");
            var args = CutArgs(finding.Args, "finding arguments")!;
            if (evidence is not null || !ReferenceEquals(args, finding.Args))
                report.Findings[i] = finding with { Evidence = evidence ?? finding.Evidence, Args = args };
        }

        var relay = report.Relay.Evidence;
        for (var i = 0; i < relay.Count; i++)
            relay[i] = CutEvidence(relay[i]);
        Shorten(relay, "relay evidence");

        ShortenHops(report.Transport.Hops, "hops", "hop fields");

        var threading = report.Threading;
        threading.MessageId = Cut(threading.MessageId, "threading");
        threading.InReplyTo = Cut(threading.InReplyTo, "threading");
        ShortenAndCut(threading.References, "references", r => Cut(r, "threading")!);

        var authentication = report.Authentication;
        authentication.FromDomain = Cut(authentication.FromDomain, "authentication");
        ShortenAndCut(authentication.DkimDomains, "DKIM domains", d => Cut(d, "authentication")!);
        ShortenAndCut(authentication.Results, "authentication results", r => r with
        {
            Method = Cut(r.Method, "authentication")!, Result = Cut(r.Result, "authentication")!,
            Source = Cut(r.Source, "authentication")!, Detail = Cut(r.Detail, "authentication"),
        });

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
            ShortenHops(forward.Hops, "forward hops", "forward");
            if (forward.Original is { } original)
            {
                original.From = Cut(original.From, "forward");
                original.Date = Cut(original.Date, "forward");
                original.To = Cut(original.To, "forward");
                original.Subject = Cut(original.Subject, "forward");
            }
        }

        ShortenAndCut(report.Defects, "defects", d => d with { Detail = Cut(d.Detail, "defect details"), PartPath = Cut(d.PartPath, "defect details")! });

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
