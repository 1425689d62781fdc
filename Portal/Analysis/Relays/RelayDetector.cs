using System.Collections.Concurrent;
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

    private static readonly string[] AddressHeaders = ["From", "To", "Reply-To"];

    /// <summary>Local-part patterns come from the catalog (admins can add some): each is built once, a broken one is remembered as null.</summary>
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    public void Analyze(AnalysisContext context)
    {
        var headers = context.Message.Root.Headers;
        var catalog = context.Catalogs.Relays;
        var section = context.Report.Relay;

        var domains = new DomainIndex(context);
        // Some forty signals each look headers up by name; one pass over the header list serves them all.
        var byName = headers.ToLookup(h => h.Name, StringComparer.OrdinalIgnoreCase);
        RelayService? best = null;
        List<Evidence>? bestEvidence = null;
        var bestScore = 0;
        foreach (var service in catalog.Services)
        {
            var evidence = new List<Evidence>();
            var strong = 0;
            var weak = 0;
            var names = 0;
            foreach (var signal in service.Signals)
            {
                var found = Match(signal, context, byName, domains);
                if (found is null)
                    continue;
                evidence.Add(found);
                if (signal.Strength == EvidenceStrength.Weak) weak++;
                else if (signal.Kind == "display-name") names++;
                else strong++;
            }
            // A display name is whatever text the sender typed ("Bank [via Relay]"): it names a service only when
            // another of the service's signals is there too, never on its own.
            var named = strong > 0 || (names > 0 && evidence.Count > names);
            var score = (strong + names) * 2 + weak;
            if (named && score > bestScore)
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
            var direction = RelayDirectionReader.Read(context, catalog);
            section.MaskedParty = direction.MaskedParty;
            section.VisibleOriginal = direction.VisibleOriginal;
            var args = new Dictionary<string, string> { ["service"] = best.Name };
            if (direction.VisibleOriginal is { } original)
            {
                args["original"] = original;
                if (direction.OriginalEvidence is { } header)
                    bestEvidence!.Add(Evidence.FromHeader(header, "original-sender").Explained(EvidenceNotes.RelayOriginalSender));
            }
            var evidence = Evidence.Merge(bestEvidence!);
            section.Evidence.AddRange(evidence);
            context.AddFinding(direction.MaskedParty == MaskedParties.Recipient ? FindingCodes.RelayForwardedCopy : FindingCodes.RelayMaskedAddress,
                evidence, args);
            if (best.StripsThreading)
                context.AddFinding(FindingCodes.RelayThreadingStripped, evidence[0], args);
        }

        JudgeReplyTo(context, headers, catalog);
    }

    private static void JudgeReplyTo(AnalysisContext context, HeaderList headers, RelayCatalog catalog)
    {
        if (headers["Reply-To"] is not { } replyToHeader || context.FirstMailbox(replyToHeader) is not { } replyTo)
            return;
        var from = context.FirstMailbox(headers["From"]);
        var verdict = TokenizedAddressHeuristic.Judge(replyTo, from, catalog);
        if (!verdict.Tokenized)
            return;
        context.Report.Relay.TokenizedReplyTo = true;
        var note = verdict.RelayDomain
            ? verdict.MachineGenerated ? EvidenceNotes.ReplyToRelayDomainMachineGenerated : EvidenceNotes.ReplyToRelayDomain
            : EvidenceNotes.ReplyToMachineGenerated;
        var args = new Dictionary<string, string> { ["domain"] = verdict.Domain };
        var evidence = Evidence.FromHeader(replyToHeader, verdict.Note).Explained(note, args);
        context.Report.Relay.Evidence.Add(evidence);
        context.AddFinding(FindingCodes.RelayTokenizedReplyTo, evidence, args);
    }

    private static Evidence? Match(RelaySignal signal, AnalysisContext context, ILookup<string, Header> byName, DomainIndex domains)
    {
        var headers = context.Message.Root.Headers;
        switch (signal.Kind)
        {
            case "domain":
                var domain = signal.Value.TrimStart('.').ToLowerInvariant();
                foreach (var name in signal.Headers ?? AddressHeaders)
                foreach (var header in byName[name])
                    if (domains.Of(header).Contains(domain))
                        return Found(header, signal);
                return null;
            case "header-present":
                return byName[signal.Value].FirstOrDefault() is { } present ? Found(present, signal) : null;
            case "header-prefix":
                foreach (var header in headers)
                    if (header.Name.StartsWith(signal.Value, StringComparison.OrdinalIgnoreCase))
                        return Found(header, signal);
                return null;
            case "header-value":
                foreach (var name in signal.Headers ?? AddressHeaders)
                foreach (var header in byName[name])
                    if (header.Value.Contains(signal.Value, StringComparison.OrdinalIgnoreCase))
                        return Found(header, signal);
                return null;
            case "received-host":
                foreach (var (header, hop) in context.ReceivedChain)
                    if (HostMatches(hop.By, signal.Value) || HostMatches(hop.From, signal.Value))
                        return Found(header, signal);
                return null;
        }

        foreach (var name in signal.Headers ?? AddressHeaders)
        foreach (var header in byName[name])
        foreach (var address in context.Mailboxes(header))
            if (AddressMatches(signal, address))
                return Found(header, signal);
        return null;
    }

    /// <summary>Evidence for a matched signal: the kind stays the API's note, the reader gets it in words.</summary>
    private static Evidence Found(Header header, RelaySignal signal) =>
        Evidence.FromHeader(header, signal.Kind).Explained(signal.Kind switch
        {
            "domain" => EvidenceNotes.RelayDomain,
            "address" => EvidenceNotes.RelayAddress,
            "display-name" => EvidenceNotes.RelayDisplayName,
            "local-part" => EvidenceNotes.RelayLocalPart,
            "header-value" => EvidenceNotes.RelayHeaderValue,
            "received-host" => EvidenceNotes.RelayReceivedHost,
            _ => EvidenceNotes.RelayHeader, // header-present, header-prefix
        });

    private static bool AddressMatches(RelaySignal signal, MailboxAddress address) => signal.Kind switch
    {
        "address" => address.Address.Equals(signal.Value, StringComparison.OrdinalIgnoreCase),
        "display-name" => address.DisplayName?.Contains(signal.Value, StringComparison.OrdinalIgnoreCase) == true,
        "local-part" => LocalPartMatches(address.LocalPart, signal.Value),
        _ => false,
    };

    private static bool LocalPartMatches(string localPart, string pattern)
    {
        if (!pattern.StartsWith('^'))
            return localPart.Contains(pattern, StringComparison.OrdinalIgnoreCase);
        // An admin-supplied pattern that is broken or too slow must not stop the analysis.
        if (Patterns.GetOrAdd(pattern, Build) is not { } regex)
            return false;
        try
        {
            return regex.IsMatch(localPart);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }

        static Regex? Build(string pattern)
        {
            try
            {
                return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexBudget);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Per address header, every domain its mailboxes are in or below (mail.relay.example gives itself and
    /// relay.example, example): one lookup per domain signal instead of a comparison with every address.
    /// </summary>
    private sealed class DomainIndex(AnalysisContext context)
    {
        private readonly Dictionary<Header, HashSet<string>> _byHeader = new(ReferenceEqualityComparer.Instance);

        public HashSet<string> Of(Header header)
        {
            if (_byHeader.TryGetValue(header, out var domains))
                return domains;
            domains = new HashSet<string>(StringComparer.Ordinal);
            foreach (var mailbox in context.Mailboxes(header))
            {
                if (mailbox.Domain.Length == 0)
                    continue;
                var host = mailbox.Domain.TrimEnd('.').ToLowerInvariant();
                for (var start = 0; start >= 0; start = host.IndexOf('.', start) is var dot and >= 0 ? dot + 1 : -1)
                    domains.Add(host[start..]);
            }
            return _byHeader[header] = domains;
        }
    }

    private static bool HostMatches(string? host, string domain)
    {
        if (string.IsNullOrEmpty(host))
            return false;
        // Both usually come lower-case and untrimmed, so this allocates nothing.
        var h = host.TrimEnd('.').ToLowerInvariant();
        var d = domain.TrimStart('.').ToLowerInvariant();
        return h.Length == d.Length
            ? h == d
            : h.Length > d.Length && h[h.Length - d.Length - 1] == '.' && h.EndsWith(d, StringComparison.Ordinal);
    }
}
