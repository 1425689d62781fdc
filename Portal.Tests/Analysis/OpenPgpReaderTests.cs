using Portal.Analysis.OpenPgp;

namespace Portal.Tests.Analysis;

public sealed class OpenPgpReaderTests
{
    private static string ArmoredMessage(string file)
    {
        var text = File.ReadAllText(Support.Corpus.Generated(file));
        var start = text.IndexOf("-----BEGIN PGP MESSAGE-----", StringComparison.Ordinal);
        var end = text.IndexOf("-----END PGP MESSAGE-----", StringComparison.Ordinal) + "-----END PGP MESSAGE-----".Length;
        return text[start..end];
    }

    [Fact]
    public void Armor_with_a_correct_crc_decodes_to_packets_of_both_recipients()
    {
        var block = Assert.Single(ArmorReader.ReadAll(ArmoredMessage("pgp/pgpmime-encrypted-2recip-rsa+cv25519.eml")));
        Assert.NotEqual(ArmorChecksum.Mismatch, block.Checksum);
        var summary = PgpMessageInspector.Inspect(block.Data);
        Assert.Equal(["6551FBC6E888E36D", "D5B482E5EB1FCB94"], summary.Recipients.Select(r => r.KeyId));
        Assert.Equal("SEIPDv1", summary.EncryptedData);
        Assert.Empty(summary.Problems);
    }

    [Fact]
    public void Armor_with_a_changed_crc_is_reported_as_a_mismatch_not_an_exception()
    {
        var armored = ArmoredMessage("pgp/inline-pgp-encrypted.eml");
        var lines = armored.ReplaceLineEndings("\n").Split('\n').ToList();
        var crcLine = lines.FindIndex(l => l.StartsWith('=') && l.Length == 5);
        if (crcLine < 0)
        {
            // gpg may omit the optional checksum; add a wrong one to test the check.
            lines.Insert(lines.Count - 1, "=AAAA");
        }
        else
        {
            lines[crcLine] = lines[crcLine] == "=AAAA" ? "=BBBB" : "=AAAA";
        }
        var block = Assert.Single(ArmorReader.ReadAll(string.Join('\n', lines)));
        Assert.Equal(ArmorChecksum.Mismatch, block.Checksum);
        Assert.Contains(block.Problems, p => p.Code == ArmorProblem.CrcMismatch && p.Detail.Contains("CRC", StringComparison.Ordinal));
    }

    [Fact]
    public void Crc24_of_known_input_matches_the_rfc_algorithm()
    {
        // CRC-24 of an empty input is the initial value; of "a" computed by hand with the RFC 4880 6.1 routine.
        Assert.Equal(0xB704CE, Crc24.Compute([]));
        Assert.NotEqual(Crc24.Compute("a"u8), Crc24.Compute("b"u8));
        // The catalogued check value of CRC-24/OPENPGP.
        Assert.Equal(0x21CF02, Crc24.Compute("123456789"u8));
    }

    [Fact]
    public void Crc24_from_its_table_equals_the_bitwise_routine_of_the_rfc()
    {
        var random = new Random(24);
        for (var length = 0; length < 300; length += 7)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(BitwiseCrc24(data), Crc24.Compute(data));
        }

        static int BitwiseCrc24(byte[] data)
        {
            var crc = 0xB704CE;
            foreach (var b in data)
            {
                crc ^= b << 16;
                for (var bit = 0; bit < 8; bit++)
                {
                    crc <<= 1;
                    if ((crc & 0x1000000) != 0)
                        crc ^= 0x1864CFB;
                }
            }
            return crc & 0xFFFFFF;
        }
    }

    [Fact]
    public void Partial_body_lengths_are_joined_into_one_packet()
    {
        // New-format literal data packet (tag 11): a 2-byte partial chunk (0xE1), then a final 3-byte length.
        byte[] data = [0xC0 | 11, 0xE1, (byte)'b', (byte)'t', 0x03, (byte)'x', (byte)'y', (byte)'z'];
        var (packets, problems) = PacketReader.Read(data);
        var packet = Assert.Single(packets);
        Assert.Empty(problems);
        Assert.True(packet.PartialLength);
        Assert.Equal("btxyz"u8.ToArray(), packet.Body.ToArray());
    }

    [Fact]
    public void Old_format_pkesk_packet_is_read_with_its_key_id_and_algorithm()
    {
        // Old format, tag 1, one-octet length: version 3, key ID, algorithm 1 (RSA), then a stub MPI.
        byte[] body = [3, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 1, 0x00, 0x01, 0x01];
        byte[] data = [.. new byte[] { 0x80 | (1 << 2) | 0, (byte)body.Length }, .. body];
        var summary = PgpMessageInspector.Inspect(data);
        var recipient = Assert.Single(summary.Recipients);
        Assert.Equal("1122334455667788", recipient.KeyId);
        Assert.Equal("RSA", recipient.Algorithm);
        Assert.False(recipient.Hidden);
    }

    [Fact]
    public void V6_pkesk_with_an_empty_key_reference_is_an_anonymous_recipient()
    {
        // Version 6, key reference length 0, algorithm 25 (X25519), stub key material.
        byte[] body = [6, 0, 25, 0xAA, 0xBB];
        byte[] data = [0xC0 | 1, (byte)body.Length, .. body];
        var recipient = Assert.Single(PgpMessageInspector.Inspect(data).Recipients);
        Assert.True(recipient.Hidden);
        Assert.Equal("X25519", recipient.Algorithm);
    }

    [Fact]
    public void Truncated_packet_gives_a_problem_and_no_exception()
    {
        byte[] data = [0xC0 | 18, 0xC5, 0x10, 1, 2, 3];
        var summary = PgpMessageInspector.Inspect(data);
        Assert.NotEmpty(summary.Problems);
    }

    [Fact]
    public void Clearsigned_text_yields_the_signature_issuer()
    {
        var text = File.ReadAllText(Support.Corpus.Generated("pgp/inline-pgp-clearsigned.eml"));
        var block = Assert.Single(ArmorReader.ReadAll(text));
        Assert.True(block.IsCleartextSigned);
        var signature = Assert.Single(PgpMessageInspector.Inspect(block.CleartextSignature!.Data).Signatures);
        Assert.Equal("0E00DA82C4B8438E", signature.IssuerKeyId);
        Assert.Equal("96BE88F7902DD7B32821F4700E00DA82C4B8438E", signature.IssuerFingerprint);
    }
}
