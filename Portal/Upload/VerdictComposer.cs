using Portal.Analysis;
using Portal.Analysis.Layout;
using Portal.Analysis.Relays;
using Portal.Analysis.Report;
using Portal.Localization;

namespace Portal.Upload;

/// <summary>
/// The sentences at the top of a report, built from its facts and the localized <c>Verdict.*</c> templates: first
/// what keeps the reader from the content (encryption, a portal, or that nothing is end-to-end encrypted and how the
/// route was protected), then whose address a relay hides, then every other blocker and warning that changes what an
/// agent should do, in the report's order of importance, so that the verdict never contradicts a card below it.
/// </summary>
public static class VerdictComposer
{
    /// <summary>Findings the first sentences already speak for; every other blocker or warning is named after them.</summary>
    private static readonly HashSet<string> SaidByMainSentences =
    [
        FindingCodes.SmimeEncrypted.Code, FindingCodes.PgpEncrypted.Code, FindingCodes.EncryptionPortal.Code,
        FindingCodes.RightsManaged.Code, FindingCodes.RelayMaskedAddress.Code, FindingCodes.RelayForwardedCopy.Code,
        FindingCodes.ParseDefects.Code, FindingCodes.NotAWholeMessage.Code,
        FindingCodes.ForwardedAsAttachment.Code, FindingCodes.ForwardedInline.Code,
    ];

    public static string Compose(AnalysisReport report, Localized T)
    {
        var sentences = new List<string>();
        // Said first: what the rest of the verdict is about, the attached original or only the forward around a pasted copy.
        if (report.Forward is { Kind: ForwardKinds.Attached } attached)
            sentences.Add(T["Verdict.ForwardAttached", attached.ForwardedBy ?? "?"]);
        else if (report.Forward is { Kind: ForwardKinds.Inline })
            sentences.Add(T["Verdict.ForwardInline"]);
        if (report.Findings.Any(f => f.Code == FindingCodes.NotAWholeMessage.Code))
            sentences.Add(T["Verdict.Fragment"]);
        var content = ContentSentence(report, T, out var encrypted);
        // Declared protection that is damaged is what the reader meets first, never "nothing here is encrypted".
        var damagedSaid = !encrypted && report.Findings.Any(f => f.Code == FindingCodes.ProtectionDamaged.Code || f.Code == FindingCodes.CmsUnreadable.Code);
        if (damagedSaid)
            content = T["Verdict.ProtectionDamaged"];
        var relay = RelaySentence(report.Relay, T);
        // Without encryption a masked sender is what stands in the reader's way, so it comes first.
        if (relay is not null && !encrypted)
            sentences.Add(relay);
        if (report.Encryption.Location == ProtectionLocations.Attachment)
            content = T["Verdict.ProtectedAttachment", report.Encryption.Recipients.Count];
        sentences.Add(content);
        if (report.Encryption.Location == ProtectionLocations.Part)
            sentences.Add(T["Verdict.ProtectedPart"]);
        if (relay is not null && encrypted)
            sentences.Add(relay);

        var culture = T.Language.Culture;
        var others = report.Findings
            .Where(f => f.Severity is Severity.Blocker or Severity.Warning && !SaidByMainSentences.Contains(f.Code)
                        && !(damagedSaid && (f.Code == FindingCodes.ProtectionDamaged.Code || f.Code == FindingCodes.CmsUnreadable.Code))
                        && !(report.Encryption.Location == ProtectionLocations.Attachment && f.Code == FindingCodes.ProtectionInAttachment.Code))
            .Select(f => FindingTexts.Title(f, culture))
            .Distinct()
            .ToList();
        if (others.Count > 0)
            sentences.Add(T["Verdict.AlsoImportant", string.Join(T["Verdict.ListSeparator"], others)]);
        if (report.Defects.Count > 0)
            sentences.Add(T["Verdict.Damaged", report.Defects.Count]);
        return string.Join(" ", sentences);
    }

    private static string? RelaySentence(RelaySection relay, Localized T)
    {
        if (relay.Service is null)
            return null;
        var service = relay.ServiceName ?? relay.Service;
        return relay.MaskedParty switch
        {
            MaskedParties.Recipient when relay.VisibleOriginal is { } original => T["Verdict.RelayForwarded", service, original],
            MaskedParties.Both when relay.VisibleOriginal is { } original => T["Verdict.RelayBoth", service, original],
            _ => T["Verdict.Relay", service],
        };
    }

    private static string ContentSentence(AnalysisReport report, Localized T, out bool encrypted)
    {
        var encryption = report.Encryption;
        encrypted = true;
        var recipients = encryption.Recipients.Count;
        if (FindingArgument(report, FindingCodes.RightsManaged, "vendor") is { } rightsVendor)
            return T["Verdict.RightsManaged", rightsVendor];
        return encryption.Kind switch
        {
            EncryptionKinds.Smime when encryption.SharedSecretOnly => T["Verdict.SmimeSharedKey"],
            EncryptionKinds.Smime => T["Verdict.Smime", recipients],
            EncryptionKinds.Pgp when encryption.SharedSecretOnly => T["Verdict.PgpPassword"],
            EncryptionKinds.Pgp => T["Verdict.Pgp", recipients],
            EncryptionKinds.Portal => T["Verdict.Portal", encryption.Vendor ?? FindingArgument(report, FindingCodes.EncryptionPortal, "vendor") ?? "?"],
            _ => NotEncrypted(report.Transport, T, out encrypted),
        };
    }

    private static string NotEncrypted(TransportSection transport, Localized T, out bool encrypted)
    {
        encrypted = false;
        var hops = transport.Hops.Count;
        if (hops == 0)
            return T["Verdict.NoRoute"];
        var protectedHops = transport.Hops.Count(h => h.Tls == TlsStates.Yes);
        var knownHops = transport.Hops.Count(h => h.Tls != TlsStates.Unknown);
        return knownHops == 0 ? T["Verdict.TlsUnknown", hops] : T["Verdict.TlsHops", protectedHops, hops];
    }

    private static string? FindingArgument(AnalysisReport report, FindingCode code, string argument) =>
        report.Findings.FirstOrDefault(f => f.Code == code.Code)?.Args.GetValueOrDefault(argument);
}
