using System.Globalization;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Portal.Analysis.Relays;
using Portal.Analysis.Report;
using Portal.Analysis.Threading;
using Header = Portal.Mime.Header;

namespace Portal.Analysis.Dkim;

/// <summary>
/// DKIM signatures and the ARC chain, checked with MimeKit's verifiers against keys published in DNS today.
/// Our parser finds and describes the signatures; MimeKit parses the message again only when there is
/// something to verify, keys may be looked up, and the header block is small enough for its parser.
/// </summary>
public sealed partial class DkimDetector : IAnalysisDetector
{
    private readonly DkimOptions _options;
    private readonly DnsKeyLocator? _locator;

    public DkimDetector(DkimOptions options) : this(options, options.Mode == DkimMode.Dns ? new DnsKeyLocator(options) : null) { }

    public DkimDetector(DkimOptions options, DnsKeyLocator? locator)
    {
        _options = options;
        _locator = locator;
    }

    public void Analyze(AnalysisContext context)
    {
        var headers = context.Message.Root.Headers;
        var signatureHeaders = headers.GetAll("DKIM-Signature").ToList();
        var sealHeaders = headers.GetAll("ARC-Seal").ToList();
        if (signatureHeaders.Count == 0 && sealHeaders.Count == 0)
            return;

        var dkim = context.Report.Dkim;
        var arc = context.Report.Arc;
        var signatures = signatureHeaders.Select(h => (Header: h, Tags: DkimTags.Parse(h.RawText), Entry: Describe(h))).ToList();
        dkim.Signatures.AddRange(signatures.Select(s => s.Entry));
        var hops = DescribeHops(context, sealHeaders);
        arc.Hops.AddRange(hops.Select(h => h.Entry));

        var root = context.Message.Root;
        var headerBytes = root.BodyOffset - root.Offset;
        dkim.HeaderBytes = headerBytes;
        dkim.HeaderLimitBytes = _options.MaxHeaderBytes;

        var status = _locator is null ? VerificationStatuses.Off
            : headerBytes > _options.MaxHeaderBytes ? VerificationStatuses.HeaderTooLarge
            : VerificationStatuses.Checked;
        var message = status == VerificationStatuses.Checked ? LoadForVerifier(context) : null;
        if (status == VerificationStatuses.Checked && message is null)
            status = VerificationStatuses.Unreadable;
        if (signatures.Count > 0)
            dkim.Status = status;
        if (hops.Count > 0)
            arc.Status = status;

        if (message is null)
        {
            var note = status switch
            {
                VerificationStatuses.Off => Evidence.FromPart("").Explained(EvidenceNotes.DkimOff),
                VerificationStatuses.HeaderTooLarge => Evidence.FromPart("").Explained(EvidenceNotes.DkimHeaderTooLarge, new Dictionary<string, string>
                {
                    ["bytes"] = headerBytes.ToString(CultureInfo.InvariantCulture),
                    ["limit"] = _options.MaxHeaderBytes.ToString(CultureInfo.InvariantCulture),
                }),
                _ => Evidence.FromPart("").Explained(EvidenceNotes.DkimUnreadable),
            };
            context.AddFinding(FindingCodes.DkimNotChecked, note);
            ReportBodyLength(context, signatures.Select(s => (s.Header, s.Entry)).ToList());
            return;
        }

        var verifier = new DiagnosingVerifier(_locator!);
        foreach (var (header, tags, entry) in signatures)
        {
            // Each signature may wait for a DNS answer: a message with many selectors must not outlast the analysis deadline.
            context.Budget.ThrowIfExhausted();
            Verify(verifier, message, root.RawBody.Span, header, tags, entry);
        }
        context.Budget.ThrowIfExhausted();
        if (hops.Count > 0)
            VerifyArc(message, hops.Select(h => h.Entry).ToList(), arc);
        Report(context, signatures.Select(s => (s.Header, s.Entry)).ToList(), hops);
    }

    private static DkimSignatureEntry Describe(Header header)
    {
        var tags = DkimTags.Parse(header.RawText);
        var entry = new DkimSignatureEntry
        {
            Domain = tags.GetValueOrDefault("d")?.ToLowerInvariant(),
            Selector = tags.GetValueOrDefault("s"),
            Algorithm = tags.GetValueOrDefault("a")?.ToLowerInvariant(),
            Canonicalization = (tags.GetValueOrDefault("c") is { Length: > 0 } c ? c : "simple/simple").ToLowerInvariant(),
            Line = header.LineNumber,
        };
        if (tags.TryGetValue("l", out var l) && long.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
            entry.BodyLengthLimit = limit;
        if (tags.TryGetValue("t", out var t) && long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds < 253402300800)
            entry.SignedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (tags.TryGetValue("h", out var h))
            entry.SignedHeaders.AddRange(h.Split(':', StringSplitOptions.RemoveEmptyEntries).Select(n => n.ToLowerInvariant()));
        return entry;
    }

    private sealed record Hop(ArcHopEntry Entry, Header Seal);

    private static List<Hop> DescribeHops(AnalysisContext context, List<Header> sealHeaders)
    {
        var headers = context.Message.Root.Headers;
        var results = new Dictionary<int, Header>();
        foreach (var aar in headers.GetAll("ARC-Authentication-Results"))
            if (Instance().Match(aar.RawText) is { Success: true } m && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var i))
                results.TryAdd(i, aar);

        var listDomain = ListIdDomain(headers.GetValue("List-Id"));
        var hops = new List<Hop>();
        foreach (var seal in sealHeaders)
        {
            var tags = DkimTags.Parse(seal.RawText);
            if (!int.TryParse(tags.GetValueOrDefault("i"), NumberStyles.None, CultureInfo.InvariantCulture, out var instance))
                continue;
            var domain = tags.GetValueOrDefault("d")?.ToLowerInvariant();
            var entry = new ArcHopEntry
            {
                Instance = instance,
                SealingDomain = domain,
                Selector = tags.GetValueOrDefault("s"),
                ChainValidation = tags.GetValueOrDefault("cv")?.ToLowerInvariant(),
                IntermediaryKind = domain is null ? IntermediaryKinds.Forwarder
                    : listDomain is not null && TokenizedAddressHeuristic.SameOrganization(domain, listDomain) ? IntermediaryKinds.MailingList
                    : context.Catalogs.Relays.IsRelayDomain(domain) ? IntermediaryKinds.Relay
                    : IntermediaryKinds.Forwarder,
            };
            if (results.TryGetValue(instance, out var aar))
            {
                entry.AuthServId = AuthServId(aar.RawText);
                entry.VouchedResults.AddRange(AuthenticationDetector.ParseResults(aar.RawText, "arc-authentication-results"));
            }
            hops.Add(new Hop(entry, seal));
        }
        hops.Sort((a, b) => a.Entry.Instance.CompareTo(b.Entry.Instance));
        return hops;
    }

    // "i=1; mx.example.net; dkim=pass ...": the clause after the instance is the authserv-id (RFC 8617 4.1.1).
    private static string? AuthServId(string value)
    {
        var clauses = Mime.ParameterListParser.StripComments(value).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return clauses.Length > 1 && !clauses[1].Contains('=') ? clauses[1].Split(' ')[0] : null;
    }

    // List-Id: "Developers <dev.lists.example.org>" names the list by a domain-like identifier (RFC 2919).
    private static string? ListIdDomain(string? listId)
    {
        if (listId is null)
            return null;
        var start = listId.LastIndexOf('<');
        var end = listId.LastIndexOf('>');
        var id = start >= 0 && end > start ? listId[(start + 1)..end] : listId.Trim();
        return id.Contains('.') ? id : null;
    }

    private static MimeMessage? LoadForVerifier(AnalysisContext context)
    {
        var root = context.Message.Root;
        // From the root entity on: an mbox "From " line before it is not part of the message that was signed.
        var data = context.Message.Data[(int)root.Offset..];
        try
        {
            using var stream = new MemoryStream(data.ToArray(), writable: false);
            return MimeMessage.Load(stream);
        }
        catch (Exception e) when (e is FormatException or ParseException or IOException or ArgumentException)
        {
            // Header-less and indented files, which our parser reads and MimeKit's rejects.
            return null;
        }
    }

    private void Verify(DiagnosingVerifier verifier, MimeMessage message, ReadOnlySpan<byte> body, Header header, Dictionary<string, string> tags, DkimSignatureEntry entry)
    {
        entry.Verified = false;
        if (!TryAlgorithm(entry.Algorithm, out var algorithm) || !TryCanonicalization(entry.Canonicalization, out var bodyCanonicalization)
            || entry.Domain is null || entry.Selector is null || !tags.TryGetValue("bh", out var bodyHash) || FindHeader(message, tags) is not { } mimeHeader)
        {
            entry.Failure = DkimFailures.Malformed;
            return;
        }
        if (!verifier.IsEnabled(algorithm))
        {
            entry.Failure = DkimFailures.AlgorithmRejected;
            return;
        }
        var lookup = _locator!.Lookup(entry.Domain, entry.Selector);
        if (lookup.Failure is not null)
        {
            entry.Failure = lookup.Failure;
            return;
        }
        if (lookup.Key is RsaKeyParameters rsa && rsa.Modulus.BitLength < verifier.MinimumRsaKeyLength)
        {
            entry.Failure = DkimFailures.KeyTooShort;
            return;
        }

        try
        {
            if (verifier.Verify(message, mimeHeader))
            {
                entry.Verified = true;
                entry.Failure = null;
            }
            else
            {
                var maxLength = entry.BodyLengthLimit is { } l && l <= int.MaxValue ? (int)l : -1;
                entry.Failure = verifier.BodyHashMatches(message, algorithm, bodyCanonicalization, maxLength, bodyHash)
                    ? DkimFailures.HeaderChanged : DkimFailures.BodyChanged;
            }
        }
        catch (DkimKeyUnavailableException e)
        {
            entry.Failure = e.Lookup.Failure;
        }
        catch (Exception e) when (e is FormatException or ParseException or ArgumentException or NotSupportedException)
        {
            entry.Failure = DkimFailures.Malformed;
        }
        if (entry.BodyLengthLimit is { } limit)
            entry.UnsignedBodyBytes = Math.Max(0, DkimBodyCanonicalizer.Length(body, bodyCanonicalization == DkimCanonicalizationAlgorithm.Relaxed) - limit);
    }

    // By the signature itself (b=), so the two parsers need not agree on how many DKIM-Signature headers there are.
    private static MimeKit.Header? FindHeader(MimeMessage message, Dictionary<string, string> tags)
    {
        if (!tags.TryGetValue("b", out var b))
            return null;
        foreach (var header in message.Headers)
            if (header.Id == HeaderId.DkimSignature && DkimTags.Parse(header.Value).GetValueOrDefault("b") == b)
                return header;
        return null;
    }

    private static bool TryAlgorithm(string? name, out DkimSignatureAlgorithm algorithm)
    {
        (var known, algorithm) = name switch
        {
            "rsa-sha256" => (true, DkimSignatureAlgorithm.RsaSha256),
            "rsa-sha1" => (true, DkimSignatureAlgorithm.RsaSha1),
            "ed25519-sha256" => (true, DkimSignatureAlgorithm.Ed25519Sha256),
            _ => (false, default),
        };
        return known;
    }

    private static bool TryCanonicalization(string? c, out DkimCanonicalizationAlgorithm body)
    {
        var parts = (c ?? "simple/simple").Split('/');
        var bodyName = parts.Length > 1 ? parts[1] : "simple";
        (var known, body) = bodyName switch
        {
            "simple" => (true, DkimCanonicalizationAlgorithm.Simple),
            "relaxed" => (true, DkimCanonicalizationAlgorithm.Relaxed),
            _ => (false, default),
        };
        return known && parts[0] is "simple" or "relaxed";
    }

    private void VerifyArc(MimeMessage message, List<ArcHopEntry> hops, ArcSection arc)
    {
        // MimeKit's ArcVerifier turns every failure, a missing key included, into "fail" for that seal.
        var result = new ArcVerifier(_locator!).Verify(message);
        arc.Chain = result.Chain switch
        {
            ArcSignatureValidationResult.Pass => "pass",
            ArcSignatureValidationResult.Fail => "fail",
            _ => "none",
        };
        if (result.Seals is { } seals)
            for (var i = 0; i < seals.Length; i++)
                if (seals[i] is { } seal && hops.FirstOrDefault(h => h.Instance == i + 1) is { } hop)
                    hop.SealValid = seal.Signature == ArcSignatureValidationResult.Pass;
        if (result.MessageSignature is { } messageSignature && hops.Count > 0)
            hops[^1].MessageSignatureValid = messageSignature.Signature == ArcSignatureValidationResult.Pass;
    }

    private void Report(AnalysisContext context, List<(Header Header, DkimSignatureEntry Entry)> signatures, List<Hop> hops)
    {
        var verified = signatures.Where(s => s.Entry.Verified == true).ToList();
        if (verified.Count > 0)
            context.AddFinding(FindingCodes.DkimVerified, verified.Select(s => Evidence.FromHeader(s.Header)),
                new Dictionary<string, string> { ["domains"] = Domains(verified.Select(s => s.Entry.Domain)) });

        var broken = signatures.Where(s => s.Entry.Failure is not null && !IsKeyUnavailable(s.Entry.Failure)).ToList();
        if (broken.Count > 0)
            context.AddFinding(FindingCodes.DkimFailed, broken.Select(s => Evidence.FromHeader(s.Header).Explained(FailureNote(s.Entry.Failure!),
                    new Dictionary<string, string> { ["reason"] = s.Entry.Failure! })),
                new Dictionary<string, string> { ["domains"] = Domains(broken.Select(s => s.Entry.Domain)) });

        var unavailable = signatures.Where(s => s.Entry.Failure is { } f && IsKeyUnavailable(f)).ToList();
        if (unavailable.Count > 0)
            context.AddFinding(FindingCodes.DkimKeyUnavailable, unavailable.Select(s => Evidence.FromHeader(s.Header).Explained(FailureNote(s.Entry.Failure!),
                    new Dictionary<string, string> { ["selector"] = $"{s.Entry.Selector}._domainkey.{s.Entry.Domain}" })),
                new Dictionary<string, string> { ["domains"] = Domains(unavailable.Select(s => s.Entry.Domain)) });

        ReportBodyLength(context, signatures);
        ReportArc(context, hops, failedDkim: broken.Count + unavailable.Count > 0);
    }

    private static void ReportBodyLength(AnalysisContext context, List<(Header Header, DkimSignatureEntry Entry)> signatures)
    {
        var limited = signatures.Where(s => s.Entry.BodyLengthLimit is not null).ToList();
        if (limited.Count == 0)
            return;
        context.AddFinding(FindingCodes.DkimBodyLength, limited.Select(s => s.Entry.UnsignedBodyBytes is > 0
                ? Evidence.FromHeader(s.Header).Explained(EvidenceNotes.DkimUnsignedContent,
                    new Dictionary<string, string> { ["bytes"] = s.Entry.UnsignedBodyBytes.Value.ToString(CultureInfo.InvariantCulture) })
                : Evidence.FromHeader(s.Header, $"l={s.Entry.BodyLengthLimit}")),
            new Dictionary<string, string> { ["domains"] = Domains(limited.Select(s => s.Entry.Domain)) });
    }

    private static void ReportArc(AnalysisContext context, List<Hop> hops, bool failedDkim)
    {
        var chain = context.Report.Arc.Chain;
        if (hops.Count == 0 || chain is null)
            return;
        if (chain == "none")
            return;
        if (chain == "fail")
        {
            context.AddFinding(FindingCodes.ArcFailed, hops.Where(h => h.Entry.SealValid != true || h.Entry.MessageSignatureValid == false)
                .Select(h => Evidence.FromHeader(h.Seal)));
            return;
        }

        context.AddFinding(FindingCodes.ArcVerified, hops.Select(h => Evidence.FromHeader(h.Seal).Explained(VouchNote(h.Entry.IntermediaryKind),
                new Dictionary<string, string> { ["domain"] = h.Entry.SealingDomain ?? "?" })),
            new Dictionary<string, string> { ["domains"] = Domains(hops.Select(h => h.Entry.SealingDomain)) });

        // The earliest intermediary that saw DKIM pass explains a signature that no longer verifies: it changed the
        // message (a list footer, a rewritten subject) after checking it.
        var voucher = hops.FirstOrDefault(h => h.Entry.VouchedResults.Any(r => r.Method == "dkim" && r.Result == "pass"));
        if (failedDkim && voucher is not null)
            context.AddFinding(FindingCodes.ArcExplainsDkimFailure,
                Evidence.FromHeader(voucher.Seal).Explained(VouchNote(voucher.Entry.IntermediaryKind),
                    new Dictionary<string, string> { ["domain"] = voucher.Entry.SealingDomain ?? "?" }),
                new Dictionary<string, string> { ["intermediary"] = voucher.Entry.SealingDomain ?? "?" });
    }

    private static bool IsKeyUnavailable(string failure) =>
        failure is DkimFailures.KeyMissing or DkimFailures.KeyRevoked or DkimFailures.DnsFailure;

    private static EvidenceNote FailureNote(string failure) => failure switch
    {
        DkimFailures.BodyChanged => EvidenceNotes.DkimBodyChanged,
        DkimFailures.HeaderChanged => EvidenceNotes.DkimHeaderChanged,
        DkimFailures.KeyMissing => EvidenceNotes.DkimKeyMissing,
        DkimFailures.KeyRevoked => EvidenceNotes.DkimKeyRevoked,
        DkimFailures.DnsFailure => EvidenceNotes.DkimDnsFailure,
        _ => EvidenceNotes.DkimSignatureUnusable,
    };

    private static EvidenceNote VouchNote(string kind) => kind switch
    {
        IntermediaryKinds.MailingList => EvidenceNotes.ArcMailingList,
        IntermediaryKinds.Relay => EvidenceNotes.ArcRelay,
        _ => EvidenceNotes.ArcForwarder,
    };

    private static string Domains(IEnumerable<string?> domains) => string.Join(", ", domains.OfType<string>().Distinct());

    [GeneratedRegex(@"^\s*i\s*=\s*(\d+)")]
    private static partial Regex Instance();

    /// <summary>MimeKit's verifier with its body-hash check exposed, to tell a changed body from changed headers.</summary>
    private sealed class DiagnosingVerifier(IDkimPublicKeyLocator locator) : DkimVerifier(locator)
    {
        public bool BodyHashMatches(MimeMessage message, DkimSignatureAlgorithm algorithm, DkimCanonicalizationAlgorithm canonicalization, int maxLength, string bodyHash)
        {
            var options = FormatOptions.Default.Clone();
            options.NewLineFormat = NewLineFormat.Dos;
            return VerifyBodyHash(options, message, algorithm, canonicalization, maxLength, bodyHash);
        }
    }
}
