using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace Portal.Mime;

/// <summary>
/// Tolerant base64 (RFC 2045 6.8): whitespace and stray bytes are skipped, a missing or early padding is accepted.
/// Runs of clean characters go through the vectorized BCL decoder; a first counting pass sizes the output exactly,
/// so a 25 MB attachment costs its decoded size once and no more.
/// </summary>
internal static class Base64Decoder
{
    private static readonly SearchValues<byte> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8);

    private static readonly sbyte[] Values = BuildValues();

    private static readonly SearchValues<byte> CleanBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\r\n \t"u8);

    private static readonly SearchValues<byte> Separators = SearchValues.Create("\r\n \t="u8);

    private const int ChunkSize = 64 * 1024;

    public static DecodeOutcome Decode(ReadOnlySpan<byte> input)
    {
        if (TryDecodeClean(input, out var clean))
            return new DecodeOutcome(clean, []);
        return DecodeTolerantly(input);
    }

    /// <summary>
    /// The common case: only alphabet, line breaks, whitespace and final padding. Vectorized counts give the exact
    /// output size; clean runs are gathered into a chunk so the BCL decoder sees long inputs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDecodeClean(ReadOnlySpan<byte> input, out byte[] output)
    {
        output = [];
        if (input.IndexOfAnyExcept(CleanBytes) >= 0)
            return false;
        var firstPad = input.IndexOf((byte)'=');
        if (firstPad >= 0 && input[firstPad..].IndexOfAnyExcept("=\r\n \t"u8) >= 0)
            return false;
        var dataLength = firstPad < 0 ? input.Length : firstPad;
        var body = input[..dataLength];
        var characters = dataLength - body.Count((byte)'\n') - body.Count((byte)'\r') - body.Count((byte)' ') - body.Count((byte)'\t');
        // A lone final character, or a short final quantum without padding, is reported by the tolerant path.
        if (characters % 4 == 1 || characters % 4 != 0 && firstPad < 0)
            return false;
        output = characters == 0 ? [] : new byte[characters / 4 * 3 + (characters % 4 == 0 ? 0 : characters % 4 - 1)];

        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize + 4);
        try
        {
            var filled = 0;
            var written = 0;
            var position = 0;
            while (position < body.Length)
            {
                var rest = body[position..];
                var run = rest.IndexOfAny(Separators);
                if (run < 0)
                    run = rest.Length;
                while (run > 0)
                {
                    var take = Math.Min(run, ChunkSize - filled);
                    rest[..take].CopyTo(chunk.AsSpan(filled));
                    filled += take;
                    rest = rest[take..];
                    position += take;
                    run -= take;
                    if (filled == ChunkSize)
                    {
                        Base64.DecodeFromUtf8(chunk.AsSpan(0, filled), output.AsSpan(written), out _, out var w, isFinalBlock: false);
                        written += w;
                        filled = 0;
                    }
                }
                position++;
            }
            if (filled > 0)
            {
                // Restore the padding the final quantum needs (it may have been missing in the input).
                while (filled % 4 != 0)
                    chunk[filled++] = (byte)'=';
                Base64.DecodeFromUtf8(chunk.AsSpan(0, filled), output.AsSpan(written), out _, out var w);
                written += w;
            }
            return written == output.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static DecodeOutcome DecodeTolerantly(ReadOnlySpan<byte> input)
    {
        var length = Run(input, [], write: false, out _);
        var output = length == 0 ? [] : new byte[length];
        Run(input, output, write: true, out var issues);
        return new DecodeOutcome(output, issues);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Run(ReadOnlySpan<byte> input, Span<byte> output, bool write, out DecodeIssue[] issues)
    {
        var written = 0;
        var carry = 0;
        var carryCount = 0;
        var garbageAt = -1;
        var garbageCount = 0;
        var danglingAt = -1;
        var position = 0;

        while (position < input.Length)
        {
            var rest = input[position..];
            var run = rest.IndexOfAnyExcept(Alphabet);
            if (run < 0)
                run = rest.Length;
            if (run > 0)
            {
                var segment = rest[..run];
                while (carryCount > 0 && !segment.IsEmpty)
                {
                    Push(segment[0], output, write);
                    segment = segment[1..];
                }
                var whole = segment.Length & ~3;
                if (whole > 0)
                {
                    if (write)
                        Base64.DecodeFromUtf8(segment[..whole], output[written..], out _, out _, isFinalBlock: true);
                    written += whole / 4 * 3;
                }
                foreach (var b in segment[whole..])
                    Push(b, output, write);
                position += run;
            }
            if (position >= input.Length)
                break;

            var next = input[position];
            if (next == (byte)'=')
            {
                // Padding closes a quantum early; anything after it starts a new one (concatenated encodings).
                if (carryCount == 1 && danglingAt < 0)
                    danglingAt = position;
                FlushPartial(output, write);
            }
            else if (next is not ((byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t'))
            {
                garbageCount++;
                if (garbageAt < 0)
                    garbageAt = position;
            }
            position++;
        }

        var truncated = carryCount != 0;
        if (truncated && danglingAt < 0)
            danglingAt = input.Length;
        FlushPartial(output, write);

        if (garbageAt < 0 && danglingAt < 0)
            issues = [];
        else
        {
            var found = new List<DecodeIssue>(2);
            if (garbageAt >= 0)
                found.Add(new DecodeIssue(MimeDefectCodes.InvalidBase64, garbageAt, $"{garbageCount} byte(s) outside the base64 alphabet skipped"));
            if (danglingAt >= 0)
                found.Add(new DecodeIssue(MimeDefectCodes.TruncatedBase64, danglingAt, "incomplete final quantum"));
            issues = [.. found];
        }
        return written;

        void Push(byte b, Span<byte> target, bool emit)
        {
            carry = carry << 6 | (byte)Values[b];
            if (++carryCount < 4)
                return;
            if (emit)
            {
                target[written] = (byte)(carry >> 16);
                target[written + 1] = (byte)(carry >> 8);
                target[written + 2] = (byte)carry;
            }
            written += 3;
            carry = 0;
            carryCount = 0;
        }

        void FlushPartial(Span<byte> target, bool emit)
        {
            // Two characters carry one byte, three carry two; a single character carries nothing whole.
            if (carryCount == 2)
            {
                if (emit)
                    target[written] = (byte)(carry >> 4);
                written += 1;
            }
            else if (carryCount == 3)
            {
                if (emit)
                {
                    target[written] = (byte)(carry >> 10);
                    target[written + 1] = (byte)(carry >> 2);
                }
                written += 2;
            }
            carry = 0;
            carryCount = 0;
        }
    }

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[256];
        Array.Fill(values, (sbyte)-1);
        var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"u8;
        for (var i = 0; i < alphabet.Length; i++)
            values[alphabet[i]] = (sbyte)i;
        return values;
    }
}
