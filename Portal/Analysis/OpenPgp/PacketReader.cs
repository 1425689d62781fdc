namespace Portal.Analysis.OpenPgp;

/// <summary>
/// Splits OpenPGP binary data into packets: old-format (RFC 4880 4.2.1) and new-format headers,
/// including partial body lengths, which are joined back together. A header that does not parse
/// ends the walk with a problem; nothing throws.
/// </summary>
public static class PacketReader
{
    /// <summary>Bounds the work on hostile input: a real message has a handful of top-level packets.</summary>
    private const int MaxPackets = 10_000;

    public static (IReadOnlyList<PgpPacket> Packets, IReadOnlyList<string> Problems) Read(ReadOnlyMemory<byte> data)
    {
        var packets = new List<PgpPacket>();
        var problems = new List<string>();
        var span = data.Span;
        var position = 0;
        while (position < span.Length && packets.Count < MaxPackets)
        {
            var start = position;
            var first = span[position++];
            if ((first & 0x80) == 0)
            {
                problems.Add($"byte {start}: not a packet header (0x{first:X2})");
                break;
            }
            var newFormat = (first & 0x40) != 0;
            var tag = newFormat ? first & 0x3F : (first >> 2) & 0x0F;
            if (!TryReadBody(data, ref position, newFormat, first, out var body, out var partial, out var problem))
            {
                problems.Add($"byte {start}: packet tag {tag}: {problem}");
                break;
            }
            packets.Add(new PgpPacket(tag, newFormat, partial, body, start));
        }
        return (packets, problems);
    }

    private static bool TryReadBody(ReadOnlyMemory<byte> data, ref int position, bool newFormat, byte first,
        out ReadOnlyMemory<byte> body, out bool partial, out string? problem)
    {
        body = default;
        partial = false;
        problem = null;
        var span = data.Span;
        if (!newFormat)
        {
            long length;
            switch (first & 0x03)
            {
                case 0: if (!TryReadBigEndian(span, ref position, 1, out length)) return Truncated(out problem); break;
                case 1: if (!TryReadBigEndian(span, ref position, 2, out length)) return Truncated(out problem); break;
                case 2: if (!TryReadBigEndian(span, ref position, 4, out length)) return Truncated(out problem); break;
                default: length = span.Length - position; break; // indeterminate: to the end of the data
            }
            return TakeBody(data, ref position, length, out body, out problem);
        }

        if (!TryReadNewLength(span, ref position, out var chunk, out var isPartial))
            return Truncated(out problem);
        if (!isPartial)
            return TakeBody(data, ref position, chunk, out body, out problem);

        // Partial body lengths: chunks of 2^n bytes, each followed by another length, until a definite one.
        partial = true;
        var joined = new List<byte>();
        while (true)
        {
            if (chunk > span.Length - position)
            {
                problem = "partial body chunk runs past the end of the data";
                return false;
            }
            joined.AddRange(span.Slice(position, (int)chunk));
            position += (int)chunk;
            if (!isPartial)
                break;
            if (!TryReadNewLength(span, ref position, out chunk, out isPartial))
                return Truncated(out problem);
        }
        body = joined.ToArray();
        return true;
    }

    private static bool TryReadNewLength(ReadOnlySpan<byte> span, ref int position, out long length, out bool partial)
    {
        length = 0;
        partial = false;
        if (position >= span.Length)
            return false;
        var o1 = span[position++];
        if (o1 < 192)
        {
            length = o1;
            return true;
        }
        if (o1 < 224)
        {
            if (position >= span.Length)
                return false;
            length = ((o1 - 192) << 8) + span[position++] + 192;
            return true;
        }
        if (o1 < 255)
        {
            length = 1L << (o1 & 0x1F);
            partial = true;
            return true;
        }
        return TryReadBigEndian(span, ref position, 4, out length);
    }

    private static bool TryReadBigEndian(ReadOnlySpan<byte> span, ref int position, int count, out long value)
    {
        value = 0;
        if (span.Length - position < count)
            return false;
        for (var k = 0; k < count; k++)
            value = value << 8 | span[position++];
        return true;
    }

    private static bool TakeBody(ReadOnlyMemory<byte> data, ref int position, long length, out ReadOnlyMemory<byte> body, out string? problem)
    {
        body = default;
        problem = null;
        if (length > data.Length - position)
        {
            problem = $"declares {length} bytes but only {data.Length - position} remain";
            return false;
        }
        body = data.Slice(position, (int)length);
        position += (int)length;
        return true;
    }

    private static bool Truncated(out string? problem)
    {
        problem = "header truncated";
        return false;
    }
}
