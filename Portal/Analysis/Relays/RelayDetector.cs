using System.Text.RegularExpressions;
using Portal.Analysis.Report;
using Portal.Analysis.Transport;
using Portal.Mime;

namespace Portal.Analysis.Relays;

/// <summary>
/// Recognizes mail that passed through a private relay (alias) service, from the catalog's
/// evidence, and Reply-To addresses that are tokens rather than mailboxes. It reports which
/// service and why; the real address behind an alias is not in the message and is never guessed.
/// </summary>
public sealed class RelayDetector : IAnalysisDetector
{
    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(50);

    public void Analyze(AnalysisContext context)
    {
        var headers = context.Message.Root.Headers;
        var catalog = context.Catalogs.Relays;
        var section = context.Report.Relay;

        RelayService? best = null;
        List<Evidence>? bestEvidence = null;
        var bestScore = 0;
        foreach (var service in catalog.Services)
        {
            var evidence = new List<Evidence>();
            var strong = 0;
            var weak = 0;
            foreach (var signal in service.Signals)
            {
                var found = Match(signal, headers);
                if (found is null)
                    continue;
                evidence.Add(found);
                if (signal.Strength == EvidenceStrength.Strong) strong++; else weak++;
            }
            var score = strong * 2 + weak;
            if (strong > 0 && score > bestScore)
            {
                best = service;
                bestEvidence = evidence;
                bestScore = score;
            }
        }

        if (best is not null)
        {
            section.Service = best.Id;
            section.ServiceName = best.Name;
            section.Evidence.AddRange(bestEvidence!);
            var args = new Dictionary<string, string> { ["service"] = best.Name };
            context.AddFinding(FindingCodes.RelayMaskedAddress, bestEvidence!, args);
            if (best.StripsThreading)
                context.AddFinding(FindingCodes.RelayThreadingStripped, bestEvidence![0], args);
        }

        JudgeReplyTo(context, headers, catalog);
    }

    private static void JudgeReplyTo(AnalysisContext context, HeaderList headers, RelayCatalog catalog)
    {
        if (headers["Reply-To"] is not { } replyToHeader || HeaderAddresses.First(replyToHeader) is not { } replyTo)
            return;
        var from = HeaderAddresses.First(headers["From"]);
        var verdict = TokenizedAddressHeuristic.Judge(replyTo, from, catalog);
        if (!verdict.Tokenized)
            return;
        context.Report.Relay.TokenizedReplyTo = true;
        var evidence = Evidence.FromHeader(replyToHeader, string.Join("; ", verdict.Reasons));
        context.Report.Relay.Evidence.Add(evidence);
        context.AddFinding(FindingCodes.RelayTokenizedReplyTo, evidence, new Dictionary<string, string> { ["domain"] = replyTo.Domain.ToLowerInvariant() });
    }

    private static Evidence? Match(RelaySignal signal, HeaderList headers)
    {
        switch (signal.Kind)
        {
            case "header-present":
                return headers[signal.Value] is { } present ? Evidence.FromHeader(present, signal.Kind) : null;
            case "header-prefix":
                foreach (var header in headers)
                    if (header.Name.StartsWith(signal.Value, StringComparison.OrdinalIgnoreCase))
                        return Evidence.FromHeader(header, signal.Kind);
                return null;
            case "header-value":
                foreach (var header in HeadersNamed(signal, headers))
                    if (header.Value.Contains(signal.Value, StringComparison.OrdinalIgnoreCase))
                        return Evidence.FromHeader(header, signal.Kind);
                return null;
            case "received-host":
                foreach (var header in headers.GetAll("Received"))
                {
                    var hop = ReceivedHeaderParser.Parse(header.Value);
                    if (HostMatches(hop.By, signal.Value) || HostMatches(hop.From, signal.Value))
                        return Evidence.FromHeader(header, signal.Kind);
                }
                return null;
        }

        foreach (var header in HeadersNamed(signal, headers))
        foreach (var address in HeaderAddresses.All(header))
            if (AddressMatches(signal, address))
                return Evidence.FromHeader(header, signal.Kind);
        return null;
    }

    private static IEnumerable<Header> HeadersNamed(RelaySignal signal, HeaderList headers) =>
        (signal.Headers ?? ["From", "To", "Reply-To"]).SelectMany(headers.GetAll);

    private static bool AddressMatches(RelaySignal signal, MailboxAddress address) => signal.Kind switch
    {
        "domain" => HostMatches(address.Domain, signal.Value),
        "address" => address.Address.Equals(signal.Value, StringComparison.OrdinalIgnoreCase),
        "display-name" => address.DisplayName?.Contains(signal.Value, StringComparison.OrdinalIgnoreCase) == true,
        "local-part" => LocalPartMatches(address.LocalPart, signal.Value),
        _ => false,
    };

    private static bool LocalPartMatches(string localPart, string pattern)
    {
        if (!pattern.StartsWith('^'))
            return localPart.Contains(pattern, StringComparison.OrdinalIgnoreCase);
        try
        {
            return Regex.IsMatch(localPart, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexBudget);
        }
        catch (Exception e) when (e is RegexMatchTimeoutException or ArgumentException)
        {
            return false; // an admin-supplied pattern that is broken or too slow must not stop the analysis
        }
    }

    private static bool HostMatches(string? host, string domain)
    {
        if (string.IsNullOrEmpty(host))
            return false;
        var h = host.TrimEnd('.').ToLowerInvariant();
        var d = domain.TrimStart('.').ToLowerInvariant();
        return h == d || h.EndsWith("." + d, StringComparison.Ordinal);
    }
}
