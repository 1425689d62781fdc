using System.Text;

namespace Portal.Mime;

/// <summary>
/// RFC 2231 parameter values: continuations ("name*0=", "name*1*="), and the charset'language'%XX form.
/// Sections are joined as bytes and decoded once, because a character may be split between sections.
/// </summary>
public static class Rfc2231
{
    /// <summary>A parameter as written: its name (with any "*N" or "*" suffix) and its unquoted value.</summary>
    public readonly record struct RawParameter(string Name, string Value);

    /// <summary>
    /// Joins continuations and decodes extended values. Plain values that contain RFC 2047 words are decoded too
    /// (forbidden by the RFC but common for file names), except for <c>boundary</c>, which must stay byte-exact.
    /// </summary>
    public static Dictionary<string, string> JoinParameters(IEnumerable<RawParameter> parameters)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, List<(int Index, bool Extended, string Value)>>? sectioned = null;

        foreach (var (name, value) in parameters)
        {
            var star = name.IndexOf('*');
            if (star < 0)
            {
                // The first occurrence wins, as in most clients; RFC 2231 forms override plain ones below.
                if (!result.ContainsKey(name))
                    result[name] = name.Equals("boundary", StringComparison.OrdinalIgnoreCase) ? value : EncodedWords.Decode(value);
                continue;
            }
            var baseName = name[..star];
            var suffix = name[(star + 1)..];
            var extended = suffix.EndsWith('*');
            var indexText = extended ? suffix[..^1] : suffix;
            int index;
            if (indexText.Length == 0)
                index = -1;
            else if (!int.TryParse(indexText, System.Globalization.NumberStyles.None, null, out index) || index > 10_000)
                continue;
            if (baseName.Length == 0)
                continue;
            sectioned ??= new(StringComparer.OrdinalIgnoreCase);
            if (!sectioned.TryGetValue(baseName, out var list))
                sectioned[baseName] = list = [];
            list.Add((index, extended || index < 0, value));
        }

        if (sectioned is null)
            return result;
        foreach (var (baseName, sections) in sectioned)
            result[baseName] = JoinSections(sections);
        return result;
    }

    /// <summary>Decodes one extended value such as <c>utf-8'en'%E2%82%AC%20rates</c>.</summary>
    public static string DecodeExtendedValue(string value)
    {
        var (charset, encoded) = SplitCharset(value);
        var bytes = new List<byte>(encoded.Length);
        AppendPercentDecoded(encoded, bytes);
        return DecodeBytes(bytes, charset);
    }

    private static string JoinSections(List<(int Index, bool Extended, string Value)> sections)
    {
        sections.Sort((a, b) => a.Index.CompareTo(b.Index));
        string? charset = null;
        var bytes = new List<byte>();
        var first = true;
        var previousIndex = int.MinValue;
        foreach (var (index, extended, value) in sections)
        {
            if (index == previousIndex)
                continue;
            previousIndex = index;
            var text = value;
            if (first && extended)
                (charset, text) = SplitCharset(value);
            first = false;
            if (extended)
                AppendPercentDecoded(text, bytes);
            else
                bytes.AddRange(Encoding.UTF8.GetBytes(text));
        }
        return DecodeBytes(bytes, charset);
    }

    private static (string? Charset, string Remainder) SplitCharset(string value)
    {
        var firstQuote = value.IndexOf('\'');
        if (firstQuote < 0)
            return (null, value);
        var secondQuote = value.IndexOf('\'', firstQuote + 1);
        if (secondQuote < 0)
            return (null, value);
        var charset = value[..firstQuote];
        return (charset.Length == 0 ? null : charset, value[(secondQuote + 1)..]);
    }

    private static void AppendPercentDecoded(string text, List<byte> bytes)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < text.Length && EncodedWords.HexValue(text[i + 1]) is var hi and >= 0 && EncodedWords.HexValue(text[i + 2]) is var lo and >= 0)
            {
                bytes.Add((byte)(hi << 4 | lo));
                i += 2;
            }
            else if (c < 0x80)
                bytes.Add((byte)c);
            else
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
        }
    }

    private static string DecodeBytes(List<byte> bytes, string? charset) =>
        CharsetDecoder.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes), charset);
}
