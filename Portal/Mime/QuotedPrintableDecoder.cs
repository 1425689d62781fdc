using System.Buffers;
using System.Runtime.CompilerServices;

namespace Portal.Mime;

/// <summary>
/// Quoted-printable (RFC 2045 6.7), decoded the way mail clients do: soft line breaks ("=" at line end, CRLF or LF)
/// vanish, "=XX" in either case becomes a byte, a stray "=" stays literal and is reported,
/// and trailing whitespace that transport added before a line break is dropped.
/// </summary>
internal static class QuotedPrintableDecoder
{
    private static readonly SearchValues<byte> Interesting = SearchValues.Create("=\r\n \t"u8);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DecodeOutcome Decode(ReadOnlySpan<byte> input)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(input.Length, 1));
        try
        {
            var written = 0;
            var strayAt = -1;
            var strays = 0;
            var position = 0;
            while (position < input.Length)
            {
                var rest = input[position..];
                var plain = rest.IndexOfAny(Interesting);
                if (plain < 0)
                    plain = rest.Length;
                rest[..plain].CopyTo(buffer.AsSpan(written));
                written += plain;
                position += plain;
                if (position >= input.Length)
                    break;

                var b = input[position];
                if (b is (byte)' ' or (byte)'\t')
                {
                    var end = position;
                    while (end < input.Length && input[end] is (byte)' ' or (byte)'\t')
                        end++;
                    var atLineEnd = end == input.Length || input[end] is (byte)'\r' or (byte)'\n';
                    if (!atLineEnd)
                    {
                        input[position..end].CopyTo(buffer.AsSpan(written));
                        written += end - position;
                    }
                    position = end;
                }
                else if (b is (byte)'\r' or (byte)'\n')
                {
                    buffer[written++] = b;
                    position++;
                }
                else if (position + 2 < input.Length && Hex(input[position + 1]) is var hi and >= 0 && Hex(input[position + 2]) is var lo and >= 0)
                {
                    buffer[written++] = (byte)(hi << 4 | lo);
                    position += 3;
                }
                else
                {
                    var after = position + 1;
                    while (after < input.Length && input[after] is (byte)' ' or (byte)'\t')
                        after++;
                    if (after == input.Length)
                        position = after;
                    else if (input[after] == (byte)'\n')
                        position = after + 1;
                    else if (input[after] == (byte)'\r')
                        position = after + 1 < input.Length && input[after + 1] == (byte)'\n' ? after + 2 : after + 1;
                    else
                    {
                        strays++;
                        if (strayAt < 0)
                            strayAt = position;
                        buffer[written++] = b;
                        position++;
                    }
                }
            }
            DecodeIssue[] issues = strayAt < 0
                ? []
                : [new DecodeIssue(MimeDefectCodes.InvalidQuotedPrintable, strayAt, $"{strays} '=' not followed by two hex digits")];
            return new DecodeOutcome(buffer.AsSpan(0, written).ToArray(), issues);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };
}
