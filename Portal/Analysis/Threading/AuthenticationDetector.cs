using System.Text.RegularExpressions;
using Portal.Analysis.Relays;
using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Analysis.Threading;

/// <summary>
/// DKIM signing domains against the From domain (relaxed alignment, RFC 7489 3.1.1) and the
/// SPF/DKIM/DMARC/ARC verdicts recorded in Authentication-Results and ARC-Authentication-Results.
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

        var failing = new List<Evidence>();
        var failingMethods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, source) in new[] { ("Authentication-Results", "authentication-results"), ("ARC-Authentication-Results", "arc-authentication-results") })
        foreach (var header in headers.GetAll(name))
        foreach (var result in ParseResults(header.Value, source))
        {
            section.Results.Add(result);
            if (FailingResults.Contains(result.Result) && result.Method is "spf" or "dkim" or "dmarc" or "arc")
            {
                failing.Add(Evidence.FromHeader(header, $"{result.Method}={result.Result}"));
                failingMethods.Add(result.Method);
            }
        }
        if (failing.Count > 0)
            context.AddFinding(FindingCodes.AuthCheckFailed, failing, new Dictionary<string, string> { ["methods"] = string.Join(", ", failingMethods) });
    }

    /// <summary>Splits "authserv-id; method=result reason; method=result ..." (RFC 8601), skipping the id and ARC's i= tag.</summary>
    public static IEnumerable<AuthResultEntry> ParseResults(string value, string source)
    {
        var clauses = ParameterListParser.StripComments(value).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var clause in clauses)
        {
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

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9_.-]*)\s*=\s*([A-Za-z0-9_-]+)")]
    private static partial Regex MethodResult();
}
