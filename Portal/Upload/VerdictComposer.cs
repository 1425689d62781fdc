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
        var sentences = new List<string> { ContentSentence(report, T) };
        if (report.Relay.Service is not null)
            sentences.Add(T["Verdict.Relay", report.Relay.ServiceName ?? report.Relay.Service]);
        else if (report.Defects.Count > 0)
            sentences.Add(T["Verdict.Damaged", report.Defects.Count]);
        return string.Join(" ", sentences);
    }

    private static string ContentSentence(AnalysisReport report, Localized T)
    {
        var encryption = report.Encryption;
        var recipients = encryption.Recipients.Count;
        if (FindingArgument(report, FindingCodes.RightsManaged, "vendor") is { } rightsVendor)
            return T["Verdict.RightsManaged", rightsVendor];
        return encryption.Kind switch
        {
            EncryptionKinds.Smime => T["Verdict.Smime", recipients],
            EncryptionKinds.Pgp when recipients == 0 && encryption.PasswordProtected => T["Verdict.PgpPassword"],
            EncryptionKinds.Pgp => T["Verdict.Pgp", recipients],
            EncryptionKinds.Portal => T["Verdict.Portal", encryption.Vendor ?? FindingArgument(report, FindingCodes.EncryptionPortal, "vendor") ?? "?"],
            _ => TransportSentence(report.Transport, T),
        };
    }

    private static string TransportSentence(TransportSection transport, Localized T)
    {
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
