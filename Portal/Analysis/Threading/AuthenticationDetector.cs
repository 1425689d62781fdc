using System.Text.RegularExpressions;
using Portal.Analysis.Relays;
using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Analysis.Threading;

/// <summary>
/// DKIM signing domains against the From domain (relaxed alignment: RFC 7489 3.1.1, kept by RFC 9989) and the
/// SPF/DKIM/DMARC/ARC verdicts recorded in Authentication-Results, ARC-Authentication-Results,
/// X-MS-Exchange-Authentication-Results and Received-SPF, each with the system that wrote it and whether that is the
/// receiving organisation (the only one whose verdicts can be trusted).
/// </summary>
public sealed partial class AuthenticationDetector : IAnalysisDetector
{
    private static readonly HashSet<string> FailingResults = new(StringComparer.OrdinalIgnoreCase) { "fail", "softfail", "permerror" };

    public void Analyze(AnalysisContext context)
    {
        var headers = context.Message.Root.Headers;
        var section = context.Report.Authentication;
        section.FromDomain = context.FirstMailbox(headers["From"])?.Domain.ToLowerInvariant();

        foreach (var signature in headers.GetAll("DKIM-Signature"))
            if (DkimDomain().Match(signature.Value) is { Success: true } m)
                section.DkimDomains.Add(m.Groups[1].Value.Trim().ToLowerInvariant());

        if (section.DkimDomains.Count > 0 && section.FromDomain is { } from)
        {
            section.DkimAligned = section.DkimDomains.Any(dkim => TokenizedAddressHeuristic.SameOrganization(dkim, from));
            if (section.DkimAligned == false)
                context.AddFinding(FindingCodes.AuthDkimNotAligned, headers.GetAll("DKIM-Signature").Select(h => Evidence.FromHeader(h)),
                    new Dictionary<string, string> { ["dkimDomains"] = string.Join(", ", section.DkimDomains), ["fromDomain"] = from });
        }
        else if (section.DkimDomains.Count == 0 && headers["Received"] is not null)
        {
            context.AddFinding(FindingCodes.AuthDkimMissing, []);
        }

        var receiver = context.ReceivedChain.Count > 0 ? context.ReceivedChain[0].Hop.By : null;
        var failing = new List<Evidence>();
        var failingMethods = new SortedSet<string>(StringComparer.Ordinal);
        var foreign = new List<Evidence>();
        var foreignSystems = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var exchangeResultsSeen = false;
        foreach (var (name, source) in ResultHeaders)
        foreach (var header in headers.GetAll(name))
        {
            var writtenBy = WrittenBy(header, source);
            var trusted = Trusted(writtenBy, source, receiver);
            // Exchange Online writes its Authentication-Results without an authserv-id; when it delivered the message the
            // topmost such header is its own, any further one came with the message.
            if (source == "authentication-results" && writtenBy is null && receiver is not null)
            {
                trusted = !exchangeResultsSeen && DeliveredByExchangeOnline(receiver);
                exchangeResultsSeen = true;
            }
            var results = source == "received-spf" ? ReceivedSpf(header.Value) : ParseResults(header.Value, source);
            var any = false;
            foreach (var result in results)
            {
                any = true;
                section.Results.Add(result with { WrittenBy = writtenBy, Trusted = trusted });
                // Only the receiving organisation's own verdicts say something about this delivery.
                if (trusted != false && FailingResults.Contains(result.Result) && result.Method is "spf" or "dkim" or "dmarc" or "arc")
                {
                    failing.Add(Evidence.FromHeader(header, $"{result.Method}={result.Result}"));
                    failingMethods.Add(result.Method);
                }
            }
            if (any && trusted == false)
            {
                foreign.Add(Evidence.FromHeader(header, writtenBy));
                foreignSystems.Add(writtenBy ?? source);
            }
        }
        if (failing.Count > 0)
            context.AddFinding(FindingCodes.AuthCheckFailed, failing, new Dictionary<string, string> { ["methods"] = string.Join(", ", failingMethods) });
        if (foreign.Count > 0)
            context.AddFinding(FindingCodes.AuthResultsForeign, foreign, new Dictionary<string, string> { ["systems"] = string.Join(", ", foreignSystems) });

        MailingLists.Judge(context);
    }

    private static readonly (string Name, string Source)[] ResultHeaders =
    [
        ("Authentication-Results", "authentication-results"),
        ("ARC-Authentication-Results", "arc-authentication-results"),
        ("X-MS-Exchange-Authentication-Results", "x-ms-exchange-authentication-results"),
        ("Received-SPF", "received-spf"),
    ];

    /// <summary>
    /// Who wrote a result header: RFC 8601's authserv-id (after ARC's i= instance), Received-SPF's receiver= or the host
    /// its comment names. Exchange Online writes its own header without one.
    /// </summary>
    private static string? WrittenBy(Header header, string source)
    {
        var value = header.Value;
        if (source == "x-ms-exchange-authentication-results")
            return "Exchange Online";
        if (source == "received-spf")
            return ReceiverTag().Match(value) is { Success: true } receiver ? receiver.Groups[1].Value
                : SpfCommentHost().Match(value) is { Success: true } host ? host.Groups[1].Value : null;
        var first = SplitStatements(ParameterListParser.StripComments(value));
        var id = source == "arc-authentication-results" && first.Count > 1 ? first[1] : first[0];
        var token = id.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return string.IsNullOrEmpty(token) || token.Contains('=') ? null : token.ToLowerInvariant();
    }

    /// <summary>
    /// The receiving organisation is the one whose host delivered the message (the topmost Received's by): its own results
    /// are trustworthy, anybody else's came with the message. Exchange Online's header is its own when Exchange Online delivered.
    /// </summary>
    private static bool? Trusted(string? writtenBy, string source, string? receiver)
    {
        if (receiver is null)
            return null;
        if (source == "x-ms-exchange-authentication-results")
            return DeliveredByExchangeOnline(receiver);
        // Exchange Online names itself mx.microsoft.com in its ARC sets while its hosts are under outlook.com.
        if (source == "arc-authentication-results" && string.Equals(writtenBy, "mx.microsoft.com", StringComparison.OrdinalIgnoreCase))
            return DeliveredByExchangeOnline(receiver);
        return writtenBy is not null && TokenizedAddressHeuristic.SameOrganization(writtenBy, receiver);
    }

    private static bool DeliveredByExchangeOnline(string receiver) =>
        receiver.EndsWith(".outlook.com", StringComparison.OrdinalIgnoreCase) || receiver.EndsWith(".office365.com", StringComparison.OrdinalIgnoreCase);

    /// <summary>Received-SPF (RFC 7208 9.1): the result is its first word; the rest is comment and key=value pairs.</summary>
    private static IEnumerable<AuthResultEntry> ReceivedSpf(string value)
    {
        var result = value.TrimStart().Split((char[])[' ', '\t', '('], 2)[0].ToLowerInvariant();
        if (result.Length > 0)
            yield return new AuthResultEntry("spf", result, "received-spf", value.Length > result.Length ? value.Trim()[result.Length..].Trim() : null);
    }

    // policyd-spf hides its host as "receiver=<UNKNOWN>": a placeholder in angle brackets names nobody.
    [GeneratedRegex(@"\breceiver=([^;\s<>]+)(?=[;\s]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ReceiverTag();

    [GeneratedRegex(@"\(([A-Za-z0-9.-]+\.[A-Za-z]{2,}):")]
    private static partial Regex SpfCommentHost();

    /// <summary>Splits "authserv-id; method=result reason; method=result ..." (RFC 8601), skipping the id and ARC's i= tag.</summary>
    public static IEnumerable<AuthResultEntry> ParseResults(string value, string source)
    {
        foreach (var clause in SplitStatements(ParameterListParser.StripComments(value)))
        {
            if (clause.Length == 0)
                continue;
            var match = MethodResult().Match(clause);
            if (!match.Success || match.Groups[1].Value.Equals("i", StringComparison.OrdinalIgnoreCase))
                continue;
            var detail = clause[match.Length..].Trim();
            yield return new AuthResultEntry(match.Groups[1].Value.ToLowerInvariant(), match.Groups[2].Value.ToLowerInvariant(), source,
                detail.Length == 0 ? null : detail);
        }
    }

    [GeneratedRegex(@"(?:^|;)\s*d\s*=\s*([^;\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex DkimDomain();

    /// <summary>The ';'-separated statements of a result header; a ';' inside a quoted value (reason="a; b") is part of it.</summary>
    private static List<string> SplitStatements(string text)
    {
        var statements = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (quoted && text[i] == '\\')
                i++;
            else if (text[i] == '"')
                quoted = !quoted;
            else if (text[i] == ';' && !quoted)
            {
                statements.Add(text[start..i].Trim());
                start = i + 1;
            }
        }
        statements.Add(text[Math.Min(start, text.Length)..].Trim());
        return statements;
    }

    // RFC 8601 2.2: a method may carry a version ("dkim/1=pass").
    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9_.-]*)(?:\s*/\s*[0-9]+)?\s*=\s*([A-Za-z0-9_-]+)")]
    private static partial Regex MethodResult();
}
