namespace Portal.Analysis.OpenPgp;

/// <summary>OpenPGP packet tags this engine cares about (RFC 9580 5).</summary>
public static class PacketTags
{
    public const int PublicKeyEncryptedSessionKey = 1, Signature = 2, SymmetricKeyEncryptedSessionKey = 3,
        OnePassSignature = 4, SecretKey = 5, PublicKey = 6, SecretSubkey = 7, CompressedData = 8,
        SymmetricallyEncryptedData = 9, Marker = 10, LiteralData = 11, Trust = 12, UserId = 13, PublicSubkey = 14,
        UserAttribute = 17, SymmetricallyEncryptedIntegrityProtectedData = 18, ModificationDetectionCode = 19,
        AeadEncryptedData = 20, Padding = 21;
}

/// <summary>A packet's tag, header format and body. Only the leading bytes of the body matter to us.</summary>
public sealed record PgpPacket(int Tag, bool NewFormat, bool PartialLength, ReadOnlyMemory<byte> Body, long Offset);
