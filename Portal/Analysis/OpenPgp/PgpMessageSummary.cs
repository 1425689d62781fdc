namespace Portal.Analysis.OpenPgp;

/// <summary>A PKESK: the key a session key was encrypted to. Hidden when the key ID is zero (anonymous recipient).</summary>
public sealed record PgpRecipient(int Version, string? KeyId, string? Fingerprint, string Algorithm)
{
    public bool Hidden => Fingerprint is null && (KeyId is null || KeyId == "0000000000000000");
}

/// <summary>A Signature or One-Pass Signature packet's issuer, as far as the packet names it.</summary>
public sealed record PgpSignatureInfo(int Version, string? IssuerKeyId, string? IssuerFingerprint, string Algorithm, string Hash, bool OnePass);

/// <summary>What the packets of one OpenPGP message reveal without any key.</summary>
public sealed record PgpMessageSummary
{
    public List<PgpRecipient> Recipients { get; } = [];
    /// <summary>Symmetric-key (password) session key packets, as "v4 AES256" etc.</summary>
    public List<string> PasswordSessionKeys { get; } = [];
    /// <summary>SEIPDv1, SEIPDv2, AEAD or SED (no integrity protection).</summary>
    public string? EncryptedData { get; set; }
    public string? Cipher { get; set; }
    public List<PgpSignatureInfo> Signatures { get; } = [];
    public bool HasLiteralData { get; set; }
    public bool HasKeys { get; set; }
    public List<string> Problems { get; } = [];

    public bool IsEncrypted => EncryptedData is not null || Recipients.Count > 0 || PasswordSessionKeys.Count > 0;
}

/// <summary>Names for OpenPGP algorithm numbers (RFC 9580 9.1 to 9.5).</summary>
public static class PgpAlgorithms
{
    public static string PublicKey(int id) => id switch
    {
        1 => "RSA", 2 => "RSA (encrypt only)", 3 => "RSA (sign only)", 16 => "ElGamal", 17 => "DSA",
        18 => "ECDH", 19 => "ECDSA", 20 => "ElGamal (legacy)", 22 => "EdDSA (legacy)", 25 => "X25519",
        26 => "X448", 27 => "Ed25519", 28 => "Ed448", _ => $"algorithm {id}",
    };

    public static string Symmetric(int id) => id switch
    {
        0 => "plaintext", 1 => "IDEA", 2 => "TripleDES", 3 => "CAST5", 4 => "Blowfish", 7 => "AES128",
        8 => "AES192", 9 => "AES256", 10 => "Twofish", 11 => "Camellia128", 12 => "Camellia192",
        13 => "Camellia256", _ => $"cipher {id}",
    };

    public static string Hash(int id) => id switch
    {
        1 => "MD5", 2 => "SHA1", 3 => "RIPEMD160", 8 => "SHA256", 9 => "SHA384", 10 => "SHA512",
        11 => "SHA224", 12 => "SHA3-256", 14 => "SHA3-512", _ => $"hash {id}",
    };

    public static string Aead(int id) => id switch { 1 => "EAX", 2 => "OCB", 3 => "GCM", _ => $"aead {id}" };
}
