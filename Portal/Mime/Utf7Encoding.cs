using System.Text;

namespace Portal.Mime;

/// <summary>
/// UTF-7 (RFC 2152), which .NET no longer provides (<c>Encoding.GetEncoding("utf-7")</c> throws
/// NotSupportedException). Old mail still uses it for headers and bodies. Decoding is what the parser needs;
/// encoding writes every non-ASCII run as one base64 shift, which any decoder reads back.
/// </summary>
public sealed class Utf7Encoding() : Encoding(CodePage65000)
{
    private const int CodePage65000 = 65000;
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static readonly sbyte[] Base64Values = BuildValues();

    public static Utf7Encoding Instance { get; } = new();

    public override string WebName => "utf-7";
    public override string EncodingName => "Unicode (UTF-7)";

    public override int GetCharCount(byte[] bytes, int index, int count) => Decode(bytes.AsSpan(index, count), []);

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex) =>
        Decode(bytes.AsSpan(byteIndex, byteCount), chars.AsSpan(charIndex));

    public override int GetMaxCharCount(int byteCount) => Math.Max(byteCount, 1);

    public override int GetByteCount(char[] chars, int index, int count) => Encode(chars.AsSpan(index, count), []);

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
        Encode(chars.AsSpan(charIndex, charCount), bytes.AsSpan(byteIndex));

    // Every char as a 16-bit base64 group (8/3 bytes) plus the shift characters around it.
    public override int GetMaxByteCount(int charCount) => charCount * 3 + 2;

    /// <summary>Writes the text into <paramref name="output"/> (or only counts when it is empty) and returns its length.</summary>
    private static int Decode(ReadOnlySpan<byte> input, Span<char> output)
    {
        var counting = output.IsEmpty;
        var written = 0;
        void Emit(char c, Span<char> o)
        {
            if (!counting)
                o[written] = c;
            written++;
        }

        var i = 0;
        while (i < input.Length)
        {
            var b = input[i++];
            if (b != '+')
            {
                Emit(b < 0x80 ? (char)b : '\uFFFD', output);
                continue;
            }
            if (i < input.Length && input[i] == '-')
            {
                Emit('+', output); // "+-" is a literal plus sign
                i++;
                continue;
            }
            // A shift: modified base64 of UTF-16BE, ended by any character outside the alphabet; a '-' there is absorbed.
            int bits = 0, bitCount = 0;
            while (i < input.Length && input[i] < 0x80 && Base64Values[input[i]] >= 0)
            {
                bits = (bits << 6) | (byte)Base64Values[input[i++]];
                bitCount += 6;
                if (bitCount >= 16)
                {
                    bitCount -= 16;
                    Emit((char)((bits >> bitCount) & 0xFFFF), output);
                }
            }
            if (i < input.Length && input[i] == '-')
                i++;
        }
        return written;
    }

    private static int Encode(ReadOnlySpan<char> input, Span<byte> output)
    {
        var counting = output.IsEmpty;
        var written = 0;
        void Put(byte b, Span<byte> o)
        {
            if (!counting)
                o[written] = b;
            written++;
        }

        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];
            if (c == '+')
            {
                Put((byte)'+', output);
                Put((byte)'-', output);
                i++;
                continue;
            }
            if (c < 0x80 && c != '\\' && c != '~')
            {
                Put((byte)c, output);
                i++;
                continue;
            }
            Put((byte)'+', output);
            int bits = 0, bitCount = 0;
            while (i < input.Length && (input[i] >= 0x80 || input[i] is '\\' or '~'))
            {
                bits = (bits << 16) | input[i++];
                bitCount += 16;
                while (bitCount >= 6)
                {
                    bitCount -= 6;
                    Put((byte)Base64Alphabet[(bits >> bitCount) & 0x3F], output);
                }
            }
            if (bitCount > 0)
                Put((byte)Base64Alphabet[(bits << (6 - bitCount)) & 0x3F], output);
            Put((byte)'-', output);
        }
        return written;
    }

    private static sbyte[] BuildValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Base64Alphabet.Length; i++)
            values[Base64Alphabet[i]] = (sbyte)i;
        return values;
    }
}
