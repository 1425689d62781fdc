using System.IO.Compression;

namespace Portal.Analysis.OpenPgp;

/// <summary>
/// Interprets the packets of an OpenPGP message: recipients (PKESK v3 key IDs, v6 fingerprints),
/// password session keys (SKESK v4/v6), the kind of encrypted data, and signature issuers. It never
/// decrypts; it only looks inside compressed data, which carries no secret, to find signatures.
/// </summary>
public static class PgpMessageInspector
{
    private const int MaxInflatedBytes = 8 * 1024 * 1024;
    private const int MaxNesting = 4;

    /// <param name="budget">The analysis budget that compressed packets are spent from; null for a single known file.</param>
    /// <exception cref="AnalysisStoppedException">The budget ran out.</exception>
    public static PgpMessageSummary Inspect(ReadOnlyMemory<byte> data, AnalysisBudget? budget = null)
    {
        var summary = new PgpMessageSummary();
        Inspect(data, summary, depth: 0, budget);
        return summary;
    }

    private static void Inspect(ReadOnlyMemory<byte> data, PgpMessageSummary summary, int depth, AnalysisBudget? budget)
    {
        var (packets, problems) = PacketReader.Read(data);
        summary.Problems.AddRange(problems);
        if (packets.Count == 0 && problems.Count == 0)
            summary.Problems.Add("no OpenPGP packets");
        foreach (var packet in packets)
        {
            budget?.ThrowIfExhausted();
            var body = packet.Body.Span;
            if (body.Length == 0 && packet.Tag != PacketTags.ModificationDetectionCode)
            {
                summary.Problems.Add($"packet tag {packet.Tag} is empty");
                continue;
            }
            switch (packet.Tag)
            {
                case PacketTags.PublicKeyEncryptedSessionKey:
                    ReadPkesk(body, summary);
                    break;
                case PacketTags.SymmetricKeyEncryptedSessionKey:
                    ReadSkesk(body, summary);
                    break;
                case PacketTags.SymmetricallyEncryptedIntegrityProtectedData:
                    summary.EncryptedData = body[0] == 2 ? "SEIPDv2" : "SEIPDv1";
                    if (body[0] == 2 && body.Length >= 3)
                        summary.Cipher = $"{PgpAlgorithms.Symmetric(body[1])}/{PgpAlgorithms.Aead(body[2])}";
                    break;
                case PacketTags.AeadEncryptedData:
                    summary.EncryptedData = "AEAD";
                    if (body.Length >= 3)
                        summary.Cipher = $"{PgpAlgorithms.Symmetric(body[1])}/{PgpAlgorithms.Aead(body[2])}";
                    break;
                case PacketTags.SymmetricallyEncryptedData:
                    summary.EncryptedData = "SED";
                    break;
                case PacketTags.Signature:
                    ReadSignature(body, summary);
                    break;
                case PacketTags.OnePassSignature:
                    ReadOnePassSignature(body, summary);
                    break;
                case PacketTags.CompressedData when depth < MaxNesting:
                    budget?.EnterContainer();
                    if (Decompress(body, budget) is { } inner)
                        Inspect(inner, summary, depth + 1, budget);
                    else
                        summary.Problems.Add("compressed data does not inflate");
                    break;
                case PacketTags.LiteralData:
                    summary.HasLiteralData = true;
                    break;
                case PacketTags.PublicKey or PacketTags.SecretKey or PacketTags.PublicSubkey or PacketTags.SecretSubkey:
                    summary.HasKeys = true;
                    break;
            }
        }
    }

    // v3: version, 8-byte key ID, algorithm. v6: version, length, [key version, fingerprint], algorithm (RFC 9580 5.1).
    private static void ReadPkesk(ReadOnlySpan<byte> body, PgpMessageSummary summary)
    {
        if (body[0] == 3 && body.Length >= 10)
        {
            summary.Recipients.Add(new PgpRecipient(3, Convert.ToHexString(body.Slice(1, 8)), null, PgpAlgorithms.PublicKey(body[9])));
            return;
        }
        if (body[0] == 6 && body.Length >= 3)
        {
            var length = body[1];
            if (body.Length < 2 + length + 1)
            {
                summary.Problems.Add("v6 PKESK is truncated");
                return;
            }
            // An empty key reference means an anonymous recipient; otherwise key version + fingerprint.
            string? fingerprint = length > 1 ? Convert.ToHexString(body.Slice(3, length - 1)) : null;
            string? keyId = fingerprint is null ? null : KeyIdFromFingerprint(body[2], fingerprint);
            summary.Recipients.Add(new PgpRecipient(6, keyId, fingerprint, PgpAlgorithms.PublicKey(body[2 + length])));
            return;
        }
        summary.Problems.Add($"PKESK version {body[0]} is not understood");
    }

    // A v4 key ID is the low 64 bits of the fingerprint; a v6 key ID is the high 64 bits (RFC 9580 5.5.4).
    private static string? KeyIdFromFingerprint(byte keyVersion, string fingerprint) => fingerprint.Length switch
    {
        40 when keyVersion == 4 => fingerprint[^16..],
        64 when keyVersion == 6 => fingerprint[..16],
        _ => null,
    };

    private static void ReadSkesk(ReadOnlySpan<byte> body, PgpMessageSummary summary)
    {
        switch (body[0])
        {
            case 4 when body.Length >= 2:
                summary.PasswordSessionKeys.Add($"v4 {PgpAlgorithms.Symmetric(body[1])}");
                break;
            case 5 or 6 when body.Length >= 4:
                // v6 has a one-octet count of the following fields before the cipher (RFC 9580 5.3.2).
                var offset = body[0] == 6 ? 2 : 1;
                summary.PasswordSessionKeys.Add($"v{body[0]} {PgpAlgorithms.Symmetric(body[offset])}/{PgpAlgorithms.Aead(body[offset + 1])}");
                break;
            default:
                summary.Problems.Add($"SKESK version {body[0]} is not understood");
                summary.PasswordSessionKeys.Add($"v{body[0]}");
                break;
        }
    }

    private static void ReadSignature(ReadOnlySpan<byte> body, PgpMessageSummary summary)
    {
        var version = body[0];
        if (version is 2 or 3)
        {
            // v3: version, 5 (hashed length), type, 4-byte time, 8-byte key ID, public-key algo, hash algo.
            if (body.Length < 17)
            {
                summary.Problems.Add("v3 signature is truncated");
                return;
            }
            summary.Signatures.Add(new PgpSignatureInfo(version, Convert.ToHexString(body.Slice(7, 8)), null,
                PgpAlgorithms.PublicKey(body[15]), PgpAlgorithms.Hash(body[16]), OnePass: false));
            return;
        }
        if (version is not (4 or 5 or 6) || body.Length < 6)
        {
            summary.Problems.Add($"signature version {version} is not understood");
            return;
        }
        var algorithm = PgpAlgorithms.PublicKey(body[2]);
        var hash = PgpAlgorithms.Hash(body[3]);
        // v4 uses 2-octet subpacket area lengths, v5 and v6 use 4 octets.
        var lengthSize = version == 4 ? 2 : 4;
        string? keyId = null, fingerprint = null;
        var position = 4;
        for (var area = 0; area < 2; area++)
        {
            if (body.Length < position + lengthSize)
            {
                summary.Problems.Add("signature subpacket area is truncated");
                break;
            }
            var areaLength = 0;
            for (var k = 0; k < lengthSize; k++)
                areaLength = areaLength << 8 | body[position + k];
            position += lengthSize;
            if (areaLength < 0 || areaLength > body.Length - position)
            {
                summary.Problems.Add("signature subpacket area runs past the packet");
                break;
            }
            ReadIssuerSubpackets(body.Slice(position, areaLength), ref keyId, ref fingerprint);
            position += areaLength;
        }
        if (keyId is null && fingerprint is not null)
            keyId = fingerprint.Length == 40 ? fingerprint[^16..] : fingerprint[..16];
        summary.Signatures.Add(new PgpSignatureInfo(version, keyId, fingerprint, algorithm, hash, OnePass: false));
    }

    private static void ReadIssuerSubpackets(ReadOnlySpan<byte> area, ref string? keyId, ref string? fingerprint)
    {
        var position = 0;
        while (position < area.Length)
        {
            int length;
            var o1 = area[position++];
            if (o1 < 192)
                length = o1;
            else if (o1 < 255 && position < area.Length)
                length = ((o1 - 192) << 8) + area[position++] + 192;
            else if (o1 == 255 && area.Length - position >= 4)
            {
                length = area[position] << 24 | area[position + 1] << 16 | area[position + 2] << 8 | area[position + 3];
                position += 4;
            }
            else
                return;
            if (length < 1 || length > area.Length - position)
                return;
            var type = area[position] & 0x7F; // the top bit only marks the subpacket critical
            var value = area.Slice(position + 1, length - 1);
            if (type == 16 && value.Length == 8)
                keyId = Convert.ToHexString(value);
            else if (type == 33 && value.Length > 1)
                fingerprint = Convert.ToHexString(value[1..]);
            position += length;
        }
    }

    // v3: version, type, hash, pubkey algo, 8-byte key ID, nested. v6: ..., salt length, salt, 32-byte fingerprint, nested.
    private static void ReadOnePassSignature(ReadOnlySpan<byte> body, PgpMessageSummary summary)
    {
        if (body[0] == 3 && body.Length >= 13)
        {
            summary.Signatures.Add(new PgpSignatureInfo(3, Convert.ToHexString(body.Slice(4, 8)), null,
                PgpAlgorithms.PublicKey(body[3]), PgpAlgorithms.Hash(body[2]), OnePass: true));
            return;
        }
        if (body[0] == 6 && body.Length >= 5)
        {
            var saltLength = body[4];
            if (body.Length >= 5 + saltLength + 32)
            {
                var fingerprint = Convert.ToHexString(body.Slice(5 + saltLength, 32));
                summary.Signatures.Add(new PgpSignatureInfo(6, fingerprint[..16], fingerprint,
                    PgpAlgorithms.PublicKey(body[3]), PgpAlgorithms.Hash(body[2]), OnePass: true));
                return;
            }
        }
        summary.Problems.Add("one-pass signature packet is not understood");
    }

    // Compression algorithms (RFC 9580 9.4): 0 none, 1 ZIP (raw deflate), 2 ZLIB, 3 BZip2 (not in the BCL).
    private static byte[]? Decompress(ReadOnlySpan<byte> body, AnalysisBudget? budget)
    {
        var compressed = new MemoryStream(body[1..].ToArray());
        using Stream? input = body[0] switch
        {
            0 => compressed,
            1 => new DeflateStream(compressed, CompressionMode.Decompress),
            2 => new ZLibStream(compressed, CompressionMode.Decompress),
            _ => null,
        };
        return input is null ? null : BoundedInflate.ReadAll(input, MaxInflatedBytes, budget);
    }
}
