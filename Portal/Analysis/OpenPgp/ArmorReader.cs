using System.Buffers.Text;

namespace Portal.Analysis.OpenPgp;

/// <summary>
/// Finds OpenPGP ASCII armor (RFC 4880 6, RFC 9580 6) in text and decodes it, checking the CRC-24
/// when present. Damage is reported in <see cref="ArmorBlock.Problems"/>; the reader never throws.
/// </summary>
public static class ArmorReader
{
    private const string BeginPrefix = "-----BEGIN PGP ";
    private const string EndPrefix = "-----END PGP ";
    private const string Dashes = "-----";

    public static IReadOnlyList<ArmorBlock> ReadAll(string text)
    {
        if (!text.Contains(BeginPrefix, StringComparison.Ordinal))
            return [];
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<ArmorBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            var label = LabelOf(lines[i], BeginPrefix);
            if (label is null)
                continue;
            if (label == ArmorLabels.SignedMessage)
            {
                blocks.Add(ReadCleartextSigned(lines, ref i));
                continue;
            }
            blocks.Add(ReadBlock(lines, ref i, label));
        }
        return blocks;
    }

    private static string? LabelOf(string line, string prefix)
    {
        var trimmed = line.TrimEnd();
        if (!trimmed.StartsWith(prefix, StringComparison.Ordinal) || !trimmed.EndsWith(Dashes, StringComparison.Ordinal)
            || trimmed.Length < prefix.Length + Dashes.Length)
            return null;
        return trimmed[prefix.Length..^Dashes.Length];
    }

    /// <summary>Reads from the BEGIN line at <paramref name="i"/>; leaves <paramref name="i"/> on the END line (or the last line).</summary>
    private static ArmorBlock ReadBlock(string[] lines, ref int i, string label)
    {
        var problems = new List<ArmorProblem>();
        var headers = ReadHeaders(lines, ref i);
        var base64 = new System.Text.StringBuilder();
        string? checksumText = null;
        var ended = false;
        for (i++; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith(EndPrefix, StringComparison.Ordinal))
            {
                if (LabelOf(line, EndPrefix) != label)
                    problems.Add(ArmorProblem.Damaged($"END line does not match BEGIN PGP {label}"));
                ended = true;
                break;
            }
            if (line.StartsWith('=') && line.Length == 5)
                checksumText = line[1..];
            else if (line.Length > 0)
                base64.Append(line);
        }
        if (!ended)
        {
            problems.Add(ArmorProblem.Damaged($"armor PGP {label} has no END line"));
            i = lines.Length - 1;
        }

        var data = DecodeBase64(base64.ToString(), problems);
        var checksum = ArmorChecksum.Missing;
        if (checksumText is not null)
        {
            var expected = DecodeBase64(checksumText, problems);
            checksum = expected.Length == 3 && Crc24.Compute(data) == (expected[0] << 16 | expected[1] << 8 | expected[2])
                ? ArmorChecksum.Valid
                : ArmorChecksum.Mismatch;
            if (checksum == ArmorChecksum.Mismatch)
                problems.Add(new ArmorProblem(ArmorProblem.CrcMismatch, "armor CRC-24 checksum does not match the data"));
        }
        return new ArmorBlock(label, headers, data, checksum) { Problems = problems };
    }

    // Armor headers ("Version: ...", "Hash: ...") run from the line after BEGIN to the first empty line.
    private static Dictionary<string, string> ReadHeaders(string[] lines, ref int i)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var j = i + 1;
        for (; j < lines.Length; j++)
        {
            var line = lines[j].TrimEnd();
            if (line.Length == 0)
            {
                i = j;
                return headers;
            }
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0 || line.Contains(' ', StringComparison.Ordinal) && line.IndexOf(' ') < colon)
                return headers; // no header section: base64 starts right away
            headers[line[..colon]] = line[(colon + 2)..];
        }
        return headers;
    }

    // A cleartext signature (RFC 4880 7): hash headers, the dash-escaped text, then an armored SIGNATURE.
    private static ArmorBlock ReadCleartextSigned(string[] lines, ref int i)
    {
        var headers = ReadHeaders(lines, ref i);
        for (i++; i < lines.Length; i++)
        {
            if (LabelOf(lines[i], BeginPrefix) == ArmorLabels.Signature)
            {
                var signature = ReadBlock(lines, ref i, ArmorLabels.Signature);
                return new ArmorBlock(ArmorLabels.SignedMessage, headers, [], ArmorChecksum.Missing)
                {
                    CleartextSignature = signature,
                    Problems = signature.Problems,
                };
            }
        }
        i = lines.Length - 1;
        return new ArmorBlock(ArmorLabels.SignedMessage, headers, [], ArmorChecksum.Missing)
        {
            Problems = [ArmorProblem.Damaged("cleartext-signed text has no signature block")],
        };
    }

    private static byte[] DecodeBase64(string text, List<ArmorProblem> problems)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        var output = new byte[Base64.GetMaxDecodedFromUtf8Length(bytes.Length)];
        var status = Base64.DecodeFromUtf8(bytes, output, out _, out var written);
        if (status != System.Buffers.OperationStatus.Done)
            problems.Add(ArmorProblem.Damaged("armor base64 is damaged"));
        return output[..written];
    }
}

/// <summary>The CRC-24 of RFC 4880 6.1 (init 0xB704CE, polynomial 0x1864CFB).</summary>
public static class Crc24
{
    // A byte at a time from a table: the bit-by-bit loop of the RFC was a visible share of analysing armored mail.
    private static readonly int[] Table = BuildTable();

    public static int Compute(ReadOnlySpan<byte> data)
    {
        var table = Table;
        var crc = 0xB704CE;
        foreach (var b in data)
            crc = (crc << 8) ^ table[((crc >> 16) ^ b) & 0xFF];
        return crc & 0xFFFFFF;
    }

    private static int[] BuildTable()
    {
        var table = new int[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = i << 16;
            for (var bit = 0; bit < 8; bit++)
            {
                crc <<= 1;
                if ((crc & 0x1000000) != 0)
                    crc ^= 0x1864CFB;
            }
            table[i] = crc & 0xFFFFFF;
        }
        return table;
    }
}
