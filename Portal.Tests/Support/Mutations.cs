using System.Text;

namespace Portal.Tests.Support;

/// <summary>
/// Seeded damage to real messages, shared by the parser's, the analyzer's and the API's mutation tests: anywhere in
/// the message (<see cref="Anywhere"/>) or aimed at the payload after the headers (<see cref="Payload"/>).
/// </summary>
public static class Mutations
{
    /// <summary>Truncations, bit flips, splices, repeated regions, dropped lines, stray delimiters.</summary>
    public static byte[] Anywhere(Random random, byte[][] sources)
    {
        var source = sources[random.Next(sources.Length)];
        switch (random.Next(6))
        {
            case 0: // truncation
                return source[..random.Next(source.Length + 1)];
            case 1: // bit flips
            {
                var copy = (byte[])source.Clone();
                var flips = random.Next(1, 40);
                for (var f = 0; f < flips && copy.Length > 0; f++)
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                return copy;
            }
            case 2: // splice of two messages
            {
                var other = sources[random.Next(sources.Length)];
                return [.. source[..random.Next(source.Length + 1)], .. other[random.Next(other.Length + 1)..]];
            }
            case 3: // a region repeated (deep or long structures)
            {
                var start = random.Next(source.Length + 1);
                var length = random.Next(Math.Min(2000, source.Length - start) + 1);
                var region = source[start..(start + length)];
                var copies = random.Next(2, 30);
                var builder = new List<byte>(source.Length + region.Length * copies);
                builder.AddRange(source[..start]);
                for (var c = 0; c < copies; c++)
                    builder.AddRange(region);
                builder.AddRange(source[start..]);
                return [.. builder];
            }
            case 4: // lines dropped
            {
                var lines = Encoding.Latin1.GetString(source).Split('\n').Where(_ => random.Next(10) != 0);
                return Encoding.Latin1.GetBytes(string.Join('\n', lines));
            }
            default: // stray delimiter-like and header-like lines inserted
            {
                var text = Encoding.Latin1.GetString(source);
                string[] noise = ["--", "--\r\n", "\r\n--boundary--\r\n", "\nContent-Type: multipart/mixed; boundary=\"\"\n", "=?utf-8?B?", "\r\n\r\n", "\0\0\0", "\nContent-Transfer-Encoding: base64\n"];
                for (var n = random.Next(1, 6); n > 0; n--)
                    text = text.Insert(random.Next(text.Length + 1), noise[random.Next(noise.Length)]);
                return Encoding.Latin1.GetBytes(text);
            }
        }
    }

    /// <summary>Damage aimed at the payload: the body after the header block, where base64 CMS and armor live.</summary>
    public static byte[] Payload(byte[] original, Random random)
    {
        var bodyStart = IndexOfBlankLine(original);
        var data = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0: // truncate the base64/armor somewhere in the body
                return data[..random.Next(bodyStart, data.Length)];
            case 1: // flip bits inside the payload
                for (var i = random.Next(1, 8); i > 0; i--)
                    data[random.Next(bodyStart, data.Length)] ^= (byte)(1 << random.Next(8));
                return data;
            case 2: // replace a base64 character with another one, so the DER itself is damaged
            {
                const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
                for (var i = random.Next(1, 6); i > 0; i--)
                {
                    var at = random.Next(bodyStart, data.Length);
                    if (alphabet.Contains((char)data[at]))
                        data[at] = (byte)alphabet[random.Next(alphabet.Length)];
                }
                return data;
            }
            case 3: // cut a chunk out of the middle
            {
                var from = random.Next(bodyStart, data.Length);
                var length = Math.Min(random.Next(1, 400), data.Length - from);
                return [.. data[..from], .. data[(from + length)..]];
            }
            default: // duplicate a chunk
            {
                var from = random.Next(bodyStart, data.Length);
                var length = Math.Min(random.Next(1, 200), data.Length - from);
                return [.. data[..(from + length)], .. data[from..]];
            }
        }
    }

    private static int IndexOfBlankLine(byte[] data)
    {
        for (var i = 0; i + 1 < data.Length; i++)
            if (data[i] == '\n' && (data[i + 1] == '\n' || data[i + 1] == '\r'))
                return Math.Min(i + 2, data.Length - 1);
        return 0;
    }
}
