namespace Portal.Analysis.OpenPgp;

public enum ArmorChecksum
{
    /// <summary>No "=XXXX" line (optional since RFC 9580).</summary>
    Missing,
    Valid,
    Mismatch,
}

/// <summary>Damage in an armored block: the defect code it becomes, and a technical detail.</summary>
public sealed record ArmorProblem(string Code, string Detail)
{
    public const string CrcMismatch = "pgp-armor-crc-mismatch";
    public const string DamagedArmor = "pgp-armor-damaged";

    public static ArmorProblem Damaged(string detail) => new(DamagedArmor, detail);
}

/// <summary>
/// One ASCII-armored block found in text. <see cref="Label"/> is the word(s) after "BEGIN PGP"
/// ("MESSAGE", "SIGNATURE", "PUBLIC KEY BLOCK", "SIGNED MESSAGE" for a cleartext-signed text).
/// </summary>
public sealed record ArmorBlock(string Label, IReadOnlyDictionary<string, string> Headers, byte[] Data, ArmorChecksum Checksum)
{
    public IReadOnlyList<ArmorProblem> Problems { get; init; } = [];
    /// <summary>For a cleartext-signed message: the signature block that follows the text.</summary>
    public ArmorBlock? CleartextSignature { get; init; }

    public bool IsMessage => Label == ArmorLabels.Message;
    public bool IsSignature => Label == ArmorLabels.Signature;
    public bool IsCleartextSigned => Label == ArmorLabels.SignedMessage;
}

public static class ArmorLabels
{
    public const string Message = "MESSAGE", Signature = "SIGNATURE", SignedMessage = "SIGNED MESSAGE",
        PublicKey = "PUBLIC KEY BLOCK", PrivateKey = "PRIVATE KEY BLOCK";
}
