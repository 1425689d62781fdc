using Portal.Analysis.Report;
using Portal.Localization;

namespace Portal.Upload;

/// <summary>
/// The one or two sentences at the top of a report, built from its facts and the localized
/// <c>Verdict.*</c> templates: first what keeps the reader from the content (encryption, a portal,
/// or that nothing is end-to-end encrypted and how the route was protected), then whether a relay
/// hides the sender.
/// </summary>
public static class VerdictComposer
{
    public static string Compose(AnalysisReport report, Localized T)
    {
        var content = ContentSentence(report, T, out var encrypted);
        if (report.Relay.Service is not null)
        {
            var relay = T["Verdict.Relay", report.Relay.ServiceName ?? report.Relay.Service];
            // Without encryption the masked sender is what stands in the reader's way, so it comes first.
            return encrypted ? $"{content} {relay}" : $"{relay} {content}";
        }
        return report.Defects.Count > 0 ? $"{content} {T["Verdict.Damaged", report.Defects.Count]}" : content;
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
            EncryptionKinds.Smime => T["Verdict.Smime", recipients],
            EncryptionKinds.Pgp when recipients == 0 && encryption.PasswordProtected => T["Verdict.PgpPassword"],
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
