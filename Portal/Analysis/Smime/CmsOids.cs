namespace Portal.Analysis.Smime;

/// <summary>
/// Object identifiers the S/MIME reader meets, with the short names OpenSSL and the RFCs use,
/// so a report can say "aes-256-cbc" rather than a dotted number.
/// </summary>
public static class CmsOids
{
    public const string Data = "1.2.840.113549.1.7.1";
    public const string SignedData = "1.2.840.113549.1.7.2";
    public const string EnvelopedData = "1.2.840.113549.1.7.3";
    public const string DigestedData = "1.2.840.113549.1.7.5";
    public const string EncryptedData = "1.2.840.113549.1.7.6";
    public const string AuthData = "1.2.840.113549.1.9.16.1.2";
    public const string CompressedData = "1.2.840.113549.1.9.16.1.9";
    public const string AuthEnvelopedData = "1.2.840.113549.1.9.16.1.23";
    public const string ZlibCompress = "1.2.840.113549.1.9.16.3.8";

    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        [Data] = "data",
        [SignedData] = "signedData",
        [EnvelopedData] = "envelopedData",
        [DigestedData] = "digestedData",
        [EncryptedData] = "encryptedData",
        [AuthData] = "authData",
        [CompressedData] = "compressedData",
        [AuthEnvelopedData] = "authEnvelopedData",
        [ZlibCompress] = "zlibCompress",
        // key transport and agreement
        ["1.2.840.113549.1.1.1"] = "rsaEncryption",
        ["1.2.840.113549.1.1.7"] = "rsaesOaep",
        ["1.3.133.16.840.63.0.2"] = "dhSinglePass-stdDH-sha1kdf-scheme",
        ["1.3.133.16.840.63.0.3"] = "dhSinglePass-cofactorDH-sha1kdf-scheme",
        ["1.3.132.1.11.0"] = "dhSinglePass-stdDH-sha224kdf-scheme",
        ["1.3.132.1.11.1"] = "dhSinglePass-stdDH-sha256kdf-scheme",
        ["1.3.132.1.11.2"] = "dhSinglePass-stdDH-sha384kdf-scheme",
        ["1.3.132.1.11.3"] = "dhSinglePass-stdDH-sha512kdf-scheme",
        ["1.3.132.1.14.1"] = "dhSinglePass-cofactorDH-sha256kdf-scheme",
        ["1.3.132.1.14.2"] = "dhSinglePass-cofactorDH-sha384kdf-scheme",
        ["1.3.132.1.14.3"] = "dhSinglePass-cofactorDH-sha512kdf-scheme",
        ["1.2.840.113549.1.9.16.3.5"] = "esDH",
        ["1.2.840.113549.1.9.16.3.9"] = "pwri-kek",
        ["1.2.840.113549.1.9.16.3.6"] = "id-alg-CMS3DESwrap",
        ["2.16.840.1.101.3.4.1.5"] = "aes128-wrap",
        ["2.16.840.1.101.3.4.1.25"] = "aes192-wrap",
        ["2.16.840.1.101.3.4.1.45"] = "aes256-wrap",
        // content encryption
        ["2.16.840.1.101.3.4.1.2"] = "aes-128-cbc",
        ["2.16.840.1.101.3.4.1.22"] = "aes-192-cbc",
        ["2.16.840.1.101.3.4.1.42"] = "aes-256-cbc",
        ["2.16.840.1.101.3.4.1.6"] = "aes-128-gcm",
        ["2.16.840.1.101.3.4.1.26"] = "aes-192-gcm",
        ["2.16.840.1.101.3.4.1.46"] = "aes-256-gcm",
        ["2.16.840.1.101.3.4.1.7"] = "aes-128-ccm",
        ["2.16.840.1.101.3.4.1.47"] = "aes-256-ccm",
        ["1.2.840.113549.1.9.16.3.18"] = "chacha20-poly1305",
        ["1.2.392.200011.61.1.1.1.2"] = "camellia-128-cbc",
        ["1.2.392.200011.61.1.1.1.3"] = "camellia-192-cbc",
        ["1.2.392.200011.61.1.1.1.4"] = "camellia-256-cbc",
        ["1.2.840.113549.3.7"] = "des-ede3-cbc",
        ["1.2.840.113549.3.2"] = "rc2-cbc",
        ["1.3.14.3.2.7"] = "des-cbc",
        // digests and signatures
        ["1.3.14.3.2.26"] = "sha1",
        ["1.2.840.113549.2.5"] = "md5",
        ["2.16.840.1.101.3.4.2.1"] = "sha256",
        ["2.16.840.1.101.3.4.2.2"] = "sha384",
        ["2.16.840.1.101.3.4.2.3"] = "sha512",
        ["2.16.840.1.101.3.4.2.4"] = "sha224",
        ["1.2.840.113549.1.1.5"] = "sha1WithRSAEncryption",
        ["1.2.840.113549.1.1.10"] = "rsassaPss",
        ["1.2.840.113549.1.1.11"] = "sha256WithRSAEncryption",
        ["1.2.840.113549.1.1.12"] = "sha384WithRSAEncryption",
        ["1.2.840.113549.1.1.13"] = "sha512WithRSAEncryption",
        ["1.2.840.10045.2.1"] = "ecPublicKey",
        ["1.2.840.10045.4.1"] = "ecdsa-with-SHA1",
        ["1.2.840.10045.4.3.2"] = "ecdsa-with-SHA256",
        ["1.2.840.10045.4.3.3"] = "ecdsa-with-SHA384",
        ["1.2.840.10045.4.3.4"] = "ecdsa-with-SHA512",
        ["1.3.101.110"] = "X25519",
        ["1.3.101.111"] = "X448",
        ["1.3.101.112"] = "Ed25519",
        ["1.3.101.113"] = "Ed448",
    };

    /// <summary>Legacy content ciphers that no longer protect the content well.</summary>
    private static readonly HashSet<string> Weak = ["des-ede3-cbc", "rc2-cbc", "des-cbc"];

    /// <summary>The content types of RFC 5652, 3274, 5083 and 4073 (contentCollection, contentWithAttrs) and 5083's id-ct-authData family.</summary>
    private static readonly HashSet<string> ContentTypes =
    [
        Data, SignedData, EnvelopedData, DigestedData, EncryptedData, AuthData, CompressedData, AuthEnvelopedData,
        "1.2.840.113549.1.9.16.1.19", "1.2.840.113549.1.9.16.1.20",
    ];

    public static bool IsContentType(string oid) => ContentTypes.Contains(oid);

    public static string NameOf(string? oid) =>
        oid is null ? "unknown" : Names.TryGetValue(oid, out var name) ? name : oid;

    public static bool IsWeakContentCipher(string? name) => name is not null && Weak.Contains(name);
}
