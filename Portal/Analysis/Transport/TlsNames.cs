using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Portal.Analysis.Transport;

/// <summary>A hop's TLS protocol as people say it ("TLS 1.2"), and whether it was read from the header or inferred from the cipher.</summary>
public sealed record TlsVersionName(string Name, bool Inferred);

/// <summary>
/// TLS versions as MTAs write them (TLSv1.2, TLS1_2, TLS1.2) in one form, and the least version a cipher suite needs
/// where the header names none. Sendmail and old OpenSSL builds write "TLSv1/SSLv3": the name of the cipher family
/// (SSL_CIPHER_get_version), not the protocol the hop used, so it names no version.
/// </summary>
public static partial class TlsNames
{
    public static TlsVersionName? Describe(string? version, string? cipher)
    {
        if (Normalize(version) is { } named)
            return new TlsVersionName(named, false);
        return MinimumForCipher(cipher) is { } inferred ? new TlsVersionName(inferred, true) : null;
    }

    /// <summary>"TLS 1.2" for TLSv1.2, TLS1_2, TLS1.2, tls12; "SSL 3.0" for SSLv3; null for a family such as TLSv1/SSLv3 or for no version.</summary>
    public static string? Normalize(string? version)
    {
        if (string.IsNullOrWhiteSpace(version) || version.Contains('/'))
            return null;
        var match = VersionPattern().Match(version.Trim());
        if (!match.Success)
            return null;
        var family = match.Groups["family"].Value.ToUpperInvariant();
        var major = match.Groups["major"].Value;
        var minor = match.Groups["minor"].Success ? match.Groups["minor"].Value : "0";
        return family == "SSL" ? $"SSL {major}.{minor}" : $"TLS {major}.{minor}";
    }

    /// <summary>
    /// TLS 1.3 suites (TLS_AES_128_GCM_SHA256, TLS_CHACHA20_POLY1305_SHA256) exist only in TLS 1.3; AEAD suites and
    /// SHA-256/384 MACs (AES256-GCM-SHA384, ECDHE-RSA-AES128-SHA256) only from TLS 1.2 on. Anything else names no minimum.
    /// </summary>
    public static string? MinimumForCipher(string? cipher)
    {
        if (string.IsNullOrWhiteSpace(cipher))
            return null;
        var c = cipher.ToUpperInvariant().Replace('-', '_');
        if (c.StartsWith("TLS_AES_", StringComparison.Ordinal) || c.StartsWith("TLS_CHACHA20_", StringComparison.Ordinal))
            return "TLS 1.3";
        if (c.Contains("GCM", StringComparison.Ordinal) || c.Contains("CHACHA20", StringComparison.Ordinal) || c.Contains("CCM", StringComparison.Ordinal)
            || c.EndsWith("SHA256", StringComparison.Ordinal) || c.EndsWith("SHA384", StringComparison.Ordinal))
            return "TLS 1.2";
        return null;
    }

    /// <summary>RFC 1918, RFC 4193 (fd00::/8 in use), loopback and link-local addresses: not reachable across the Internet.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address))
            return true;
        var b = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork
            ? b[0] == 10 || b[0] == 172 && b[1] >= 16 && b[1] <= 31 || b[0] == 192 && b[1] == 168 || b[0] == 169 && b[1] == 254
            : b[0] == 0xfd || address.IsIPv6LinkLocal;
    }

    /// <summary>
    /// The sending host's address in a Received header's from clause: "[10.1.2.3]", "[IPv6:fd00::1]" or Exchange's bare
    /// "(10.1.2.3)". RFC 5321 4.4 puts the address the receiver saw in the parenthesised TCP-info after the name the client
    /// gave ("from [192.168.1.5] (host [203.0.113.7])"): that one counts where both are written. A literal the client
    /// gave as its HELO inside a comment (Exim's "helo=[...]", qmail's "(HELO [...])") is not the address.
    /// </summary>
    public static IPAddress? SendingAddress(string receivedValue)
    {
        var by = ByClause().Match(receivedValue);
        var fromPart = by.Success ? receivedValue[..by.Index] : receivedValue;
        IPAddress? given = null;
        var depth = 0;
        var scanned = 0;
        foreach (Match m in AddressLiteral().Matches(fromPart))
        {
            // The literal's own '(' (Exchange's bare form) opens its comment, so depth is counted up to the literal.
            for (; scanned <= m.Index && scanned < fromPart.Length; scanned++)
                depth += fromPart[scanned] switch { '(' => 1, ')' => depth > 0 ? -1 : 0, _ => 0 };
            if (!IPAddress.TryParse(m.Groups["ip"].Value, out var address) || GivenAsHelo().IsMatch(fromPart.AsSpan(0, m.Index)))
                continue;
            if (depth > 0)
                return address;
            given ??= address;
        }
        return given;
    }

    [GeneratedRegex(@"^(?<family>TLS|SSL)\s*v?(?<major>\d)(?:[._](?<minor>\d))?$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"\bby\s", RegexOptions.IgnoreCase)]
    private static partial Regex ByClause();

    [GeneratedRegex(@"\bhelo(?:=|\s+)$", RegexOptions.IgnoreCase | RegexOptions.RightToLeft)]
    private static partial Regex GivenAsHelo();

    [GeneratedRegex(@"[\[(](?:IPv6:)?(?<ip>[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})[\])]")]
    private static partial Regex AddressLiteral();
}
