using System.Globalization;
using Portal.Analysis.Report;

namespace Portal.Analysis.Transport;

/// <summary>
/// Reads the Received chain: per hop who handed the message to whom, with what protocol, whether
/// TLS was used and how long the hop took. Also RFC 8689 <c>TLS-Required: No</c>.
/// </summary>
public sealed class TransportDetector : IAnalysisDetector
{
    public void Analyze(AnalysisContext context)
    {
        var headers = context.Message.Root.Headers;
        var section = context.Report.Transport;
        var received = context.ReceivedChain;
        var plaintext = new List<Evidence>();
        var internalPlaintext = new List<Evidence>();
        var weak = new List<Evidence>();

        foreach (var (header, hop) in received)
        {
            var versionName = TlsNames.Describe(hop.TlsVersion, hop.Cipher);
            var sender = TlsNames.SendingAddress(header.Value);
            var inside = sender is not null && TlsNames.IsPrivate(sender);
            section.Hops.Add(new HopEntry
            {
                From = hop.From,
                By = hop.By,
                With = hop.With,
                Tls = hop.Tls,
                TlsVersion = hop.TlsVersion,
                Cipher = hop.Cipher,
                Date = hop.Date,
                Via = hop.Via,
                Id = hop.Id,
                For = hop.For,
                Protocol = hop.Protocol,
                Line = header.LineNumber,
                TlsVersionName = versionName?.Name,
                TlsVersionInferred = versionName?.Inferred ?? false,
                FromAddress = sender?.ToString(),
                Internal = inside,
            });
            if (hop.Tls == TlsStates.No && !hop.Local && !IsLocalDelivery(hop.Protocol))
                // A private sending address cannot have crossed the Internet: the hop stayed inside one network.
                (inside ? internalPlaintext : plaintext).Add(Evidence.FromHeader(header, sender?.ToString()));
            if (hop.Tls == TlsStates.Yes && IsWeak(versionName, hop.Cipher))
                weak.Add(Evidence.FromHeader(header, $"{versionName?.Name ?? hop.TlsVersion} {hop.Cipher}".Trim()));
        }
        if (plaintext.Count > 0)
            context.AddFinding(FindingCodes.TransportPlaintextHop, plaintext, Count(plaintext.Count));
        if (internalPlaintext.Count > 0)
            context.AddFinding(FindingCodes.TransportInternalPlaintextHop, internalPlaintext, Count(internalPlaintext.Count));
        if (weak.Count > 0)
            context.AddFinding(FindingCodes.TransportWeakTls, weak, Count(weak.Count));

        // Hops are newest first; each hop's delay is measured from the hop below it.
        for (var i = 0; i + 1 < section.Hops.Count; i++)
            if (section.Hops[i].Date is { } newer && section.Hops[i + 1].Date is { } older)
                section.Hops[i].DelaySeconds = (newer - older).TotalSeconds;

        if (headers["TLS-Required"] is { } tlsRequired && tlsRequired.Value.Trim().Equals("No", StringComparison.OrdinalIgnoreCase))
        {
            section.TlsRequiredNo = true;
            context.AddFinding(FindingCodes.TransportTlsNotRequired, Evidence.FromHeader(tlsRequired));
        }

        if (received.Count == 0)
            context.AddFinding(FindingCodes.TransportNoReceived, []);
        else if (received.Count > 1)
            // Only the topmost Received was written by the receiving system; anything below came with the message.
            context.AddFinding(FindingCodes.TransportLowerHopsForgeable, received.Skip(1).Select(r => Evidence.FromHeader(r.Header)), Count(received.Count - 1));
    }

    private static Dictionary<string, string> Count(int count) =>
        new() { ["count"] = count.ToString(CultureInfo.InvariantCulture) };

    // LMTP hands the message to the mailbox store inside one site; its lack of TLS is not an Internet exposure.
    private static bool IsLocalDelivery(string? protocol) => protocol is not null && protocol.StartsWith("LMTP", StringComparison.Ordinal)
                                                              || protocol is not null && protocol.StartsWith("UTF8LMTP", StringComparison.Ordinal);

    /// <summary>
    /// SSL, TLS 1.0 and 1.1, and ciphers built on 3DES, RC4, DES, NULL or EXPORT no longer protect a hop well. A version
    /// inferred from the cipher is a minimum, so it never makes a hop weak by itself.
    /// </summary>
    public static bool IsWeak(TlsVersionName? version, string? cipher)
    {
        if (version is { Inferred: false } named && (named.Name.StartsWith("SSL", StringComparison.Ordinal) || named.Name is "TLS 1.0" or "TLS 1.1"))
            return true;
        if (cipher is not null)
        {
            var c = cipher.ToUpperInvariant();
            return c.Contains("3DES", StringComparison.Ordinal) || c.Contains("DES-CBC", StringComparison.Ordinal)
                   || c.Contains("DES_CBC", StringComparison.Ordinal) || c.Contains("RC4", StringComparison.Ordinal)
                   || c.Contains("NULL", StringComparison.Ordinal) || c.Contains("EXPORT", StringComparison.Ordinal);
        }
        return false;
    }
}
