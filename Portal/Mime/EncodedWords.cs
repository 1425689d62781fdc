using System.Text;

namespace Portal.Mime;

/// <summary>
/// RFC 2047 encoded words ("=?charset?B|Q?text?="). Adjacent words are joined at the byte level before
/// charset decoding, because senders split multi-byte characters (and ISO-2022-JP escape sequences) across words.
/// Words in an unknown charset or with a broken payload stay as they were written.
/// </summary>
public static class EncodedWords
{
    internal readonly record struct Problem(string Code, string Detail);

    public static string Decode(string text) => Decode(text, out _);

    /// <param name="problem">the first problem met (unknown charset, broken word), or null.</param>
    internal static string Decode(string text, out Problem? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(text) || !text.Contains("=?", StringComparison.Ordinal))
            return text ?? string.Empty;

        var output = new StringBuilder(text.Length);
        var pending = new List<byte>();
        Encoding? pendingEncoding = null;
        var position = 0;
        var previousWasWord = false;
        var search = new ForwardSearch(text);

        while (position < text.Length)
        {
            var start = text.IndexOf("=?", position, StringComparison.Ordinal);
            if (start < 0)
                break;
            if (!TryReadWord(text, start, search, out var word))
            {
                Flush();
                output.Append(text, position, start + 2 - position);
                position = start + 2;
                previousWasWord = false;
                continue;
            }

            var between = text.AsSpan(position, start - position);
            var onlyWhitespace = between.IsWhiteSpace();
            var encoding = CharsetDecoder.GetEncoding(word.Charset);
            if (encoding is null)
            {
                problem ??= new Problem(MimeDefectCodes.UnknownCharset, word.Charset);
                Flush();
                output.Append(between).Append(text, start, word.End - start);
                position = word.End;
                previousWasWord = false;
                continue;
            }

            if (!TryDecodePayload(word, out var bytes))
                problem ??= new Problem(MimeDefectCodes.InvalidEncodedWord, text.Substring(start, word.End - start));

            // Whitespace between two encoded words is folding, not content (RFC 2047 section 6.2).
            if (!(previousWasWord && onlyWhitespace))
            {
                Flush();
                output.Append(between);
            }
            if (pendingEncoding is not null && pendingEncoding.CodePage != encoding.CodePage)
                Flush();
            pendingEncoding = encoding;
            pending.AddRange(bytes);
            position = word.End;
            previousWasWord = true;
        }

        Flush();
        if (position < text.Length)
            output.Append(text, position, text.Length - position);
        return output.ToString();

        void Flush()
        {
            if (pendingEncoding is null)
                return;
            output.Append(CharsetDecoder.GetString(pendingEncoding, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pending)));
            pending.Clear();
            pendingEncoding = null;
        }
    }

    private readonly record struct Word(string Charset, char Encoding, int PayloadStart, int PayloadLength, int End, string Source);

    /// <summary>
    /// The next "?=", line break and blank at or after a position, remembered: the starts of candidate words only move
    /// forward, so a header of many "=?" that never close costs one pass instead of one pass per "=?" (which took
    /// seconds for a subject of a few hundred kilobytes).
    /// </summary>
    private sealed class ForwardSearch(string text)
    {
        private (int From, int Found) _close = (int.MaxValue, -1), _lineBreak = (int.MaxValue, -1), _blank = (int.MaxValue, -1);

        public int Close(int from) => Next(ref _close, from, static (t, i) => t.IndexOf("?=", i, StringComparison.Ordinal));
        public int LineBreak(int from) => Next(ref _lineBreak, from, static (t, i) => t.AsSpan(i).IndexOfAny('\r', '\n') is var n and >= 0 ? i + n : -1);
        public int Blank(int from) => Next(ref _blank, from, static (t, i) => t.AsSpan(i).IndexOfAny(' ', '\t') is var n and >= 0 ? i + n : -1);

        private int Next(ref (int From, int Found) cache, int from, Func<string, int, int> find)
        {
            // The answer for an earlier start still holds if nothing lay between it and this start.
            if (cache.From > from || (cache.Found >= 0 && cache.Found < from))
                cache = (from, find(text, from));
            return cache.Found;
        }
    }

    private static bool TryReadWord(string text, int start, ForwardSearch search, out Word word)
    {
        word = default;
        var charsetStart = start + 2;
        var q1 = text.IndexOf('?', charsetStart);
        if (q1 <= charsetStart || q1 + 3 > text.Length || text[q1 + 2] != '?')
            return false;
        var charset = text.AsSpan(charsetStart, q1 - charsetStart);
        // RFC 2047 forbids '.' in the charset token, but ANSI_X3.4-1968 (US-ASCII's IANA name, glibc's in the C locale) has one.
        foreach (var c in charset)
            if (c <= ' ' || c >= 0x7F || c is '(' or ')' or '<' or '>' or '@' or ',' or ';' or ':' or '"' or '/' or '[' or ']' or '=')
                return false;
        var encoding = char.ToUpperInvariant(text[q1 + 1]);
        if (encoding is not ('B' or 'Q'))
            return false;
        var payloadStart = q1 + 3;
        var close = search.Close(payloadStart);
        if (close < 0)
            return false;
        if (search.LineBreak(payloadStart) is var lineBreak and >= 0 && lineBreak < close)
            return false;
        // An encoded word holds no whitespace; a space means we matched "?=" of something else.
        if (encoding == 'B' && search.Blank(payloadStart) is var blank and >= 0 && blank < close)
            return false;
        word = new Word(charset.ToString(), encoding, payloadStart, close - payloadStart, close + 2, text);
        return true;
    }

    private static bool TryDecodePayload(Word word, out byte[] bytes)
    {
        var payload = word.Source.AsSpan(word.PayloadStart, word.PayloadLength);
        if (word.Encoding == 'B')
        {
            var ascii = new byte[payload.Length];
            var clean = true;
            for (var i = 0; i < payload.Length; i++)
            {
                var c = payload[i];
                if (c > 0x7F)
                    clean = false;
                ascii[i] = (byte)c;
            }
            var result = Base64Decoder.Decode(ascii);
            bytes = result.Bytes;
            return clean && result.Issues.Length == 0;
        }

        var ok = true;
        var buffer = new List<byte>(payload.Length);
        for (var i = 0; i < payload.Length; i++)
        {
            var c = payload[i];
            if (c == '_')
                buffer.Add((byte)' ');
            else if (c == '=' && i + 2 < payload.Length && HexValue(payload[i + 1]) is var hi and >= 0 && HexValue(payload[i + 2]) is var lo and >= 0)
            {
                buffer.Add((byte)(hi << 4 | lo));
                i += 2;
            }
            else if (c > 0xFF)
            {
                buffer.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
            else
            {
                if (c == '=')
                    ok = false;
                buffer.Add((byte)c);
            }
        }
        bytes = [.. buffer];
        return ok;
    }

    internal static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
