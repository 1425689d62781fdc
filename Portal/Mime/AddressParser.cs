using System.Runtime.InteropServices;
using System.Text;

namespace Portal.Mime;

/// <summary>
/// RFC 5322 address lists (3.4) with groups, comments, quoted display names and the obsolete route syntax
/// ("&lt;@relay1,@relay2:user@example.com&gt;"). Best effort and never throws: a mailbox that cannot be fully
/// understood is still returned with what could be read, and empty entries are skipped.
/// </summary>
public static class AddressParser
{
    private enum Kind { Atom, Quoted, Comment, Special }

    private readonly record struct Token(Kind Kind, string Text, bool SpaceBefore)
    {
        public bool Is(char special) => Kind == Kind.Special && Text[0] == special;
    }

    public static IReadOnlyList<MailboxAddress> Parse(string headerValue)
    {
        if (string.IsNullOrWhiteSpace(headerValue))
            return [];
        var tokens = Tokenize(headerValue);
        var result = new List<MailboxAddress>();
        var unit = new List<Token>();
        var words = new List<Token>();
        string? group = null;
        var angleDepth = 0;

        foreach (var token in tokens)
        {
            if (token.Is('<'))
                angleDepth++;
            else if (token.Is('>'))
                angleDepth = Math.Max(0, angleDepth - 1);
            else if (angleDepth == 0 && token.Is(','))
            {
                Emit();
                continue;
            }
            else if (angleDepth == 0 && token.Is(':') && group is null && IndexOf(CollectionsMarshal.AsSpan(unit), '@') < 0)
            {
                group = Phrase(CollectionsMarshal.AsSpan(unit)) ?? string.Empty;
                unit.Clear();
                continue;
            }
            else if (angleDepth == 0 && token.Is(';'))
            {
                Emit();
                group = null;
                continue;
            }
            unit.Add(token);
        }
        Emit();
        return result;

        void Emit()
        {
            var mailbox = ReadMailbox(CollectionsMarshal.AsSpan(unit), group, words);
            if (mailbox is not null)
                result.Add(mailbox);
            unit.Clear();
            angleDepth = 0;
        }
    }

    // Spans over the token list instead of sublists: a long To: list used to copy its tokens several times per address.
    private static MailboxAddress? ReadMailbox(ReadOnlySpan<Token> unit, string? group, List<Token> words)
    {
        var hasWord = false;
        foreach (var token in unit)
            hasWord |= token.Kind != Kind.Comment;
        if (!hasWord)
            return null;

        var open = IndexOf(unit, '<');
        if (open >= 0)
        {
            var afterOpen = unit[(open + 1)..];
            var close = IndexOf(afterOpen, '>');
            var inside = close < 0 ? afterOpen : afterOpen[..close];
            // Obsolete source route: everything up to the last ':' inside the brackets.
            var routeEnd = LastIndexOf(inside, ':');
            if (routeEnd >= 0)
                inside = inside[(routeEnd + 1)..];
            var display = Phrase(unit[..open]);
            var spec = AddrSpec(inside);
            if (spec is null && display is null)
                return null;
            var (address, local, domain) = spec ?? (string.Empty, string.Empty, string.Empty);
            return new MailboxAddress(display, address, local, domain, group);
        }

        // No angle brackets: "user@example.com (Name)" or, sloppily, "Name user@example.com".
        var at = IndexOf(unit, '@');
        words.Clear();
        foreach (var token in unit)
            if (token.Kind != Kind.Comment)
                words.Add(token);
        var spec2 = CollectionsMarshal.AsSpan(words);
        string? name = null;
        if (at >= 0)
        {
            var first = IndexOf(spec2, '@');
            while (first > 0 && !(spec2[first].SpaceBefore && !spec2[first].Is('@') && !spec2[first].Is('.') && !spec2[first - 1].Is('.')))
                first--;
            if (first > 0)
            {
                name = Phrase(spec2[..first]);
                spec2 = spec2[first..];
            }
        }
        if (name is null)
        {
            string? comment = null;
            for (var i = unit.Length - 1; i >= 0 && comment is null; i--)
                if (unit[i].Kind == Kind.Comment)
                    comment = unit[i].Text;
            name = comment is { Length: > 0 } ? EncodedWords.Decode(comment.Trim()) : null;
        }
        var parsed = AddrSpec(spec2);
        if (parsed is null)
            return null;
        return new MailboxAddress(string.IsNullOrWhiteSpace(name) ? null : name, parsed.Value.Address, parsed.Value.Local, parsed.Value.Domain, group);
    }

    private static (string Address, string Local, string Domain)? AddrSpec(ReadOnlySpan<Token> tokens)
    {
        var hasWord = false;
        foreach (var token in tokens)
            hasWord |= token.Kind != Kind.Comment;
        if (!hasWord)
            return null;
        // Comments are neither '@' nor part of the address: the last '@' among the tokens is the last among the words.
        var at = LastIndexOf(tokens, '@');
        var localTokens = at < 0 ? tokens : tokens[..at];
        var domainTokens = at < 0 ? [] : tokens[(at + 1)..];

        var written = new StringBuilder();
        var local = new StringBuilder();
        foreach (var token in localTokens)
        {
            if (token.Kind == Kind.Comment)
                continue;
            if (token.Kind == Kind.Quoted)
            {
                written.Append('"').Append(token.Text.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
                local.Append(token.Text);
            }
            else
            {
                if (at < 0 && token.SpaceBefore && local.Length > 0)
                {
                    written.Append(' ');
                    local.Append(' ');
                }
                written.Append(token.Text);
                local.Append(token.Text);
            }
        }
        var domainText = new StringBuilder();
        foreach (var token in domainTokens)
            if (token.Kind != Kind.Comment)
                domainText.Append(token.Text);
        var domain = domainText.ToString();
        var address = at < 0 ? written.ToString() : $"{written}@{domain}";
        if (address.Length == 0)
            return null;
        return (address, local.ToString(), domain);
    }

    /// <summary>A display name: words joined as written, quotes removed, RFC 2047 words decoded (also inside quotes, as clients do).</summary>
    private static string? Phrase(ReadOnlySpan<Token> tokens)
    {
        var builder = new StringBuilder();
        foreach (var token in tokens)
        {
            if (token.Kind == Kind.Comment)
                continue;
            if (token.SpaceBefore && builder.Length > 0)
                builder.Append(' ');
            builder.Append(token.Text);
        }
        var text = EncodedWords.Decode(builder.ToString()).Trim();
        return text.Length == 0 ? null : text;
    }

    private static int IndexOf(ReadOnlySpan<Token> tokens, char special)
    {
        for (var i = 0; i < tokens.Length; i++)
            if (tokens[i].Is(special))
                return i;
        return -1;
    }

    private static int LastIndexOf(ReadOnlySpan<Token> tokens, char special)
    {
        for (var i = tokens.Length - 1; i >= 0; i--)
            if (tokens[i].Is(special))
                return i;
        return -1;
    }

    private static List<Token> Tokenize(string text)
    {
        // About one token per four characters in ordinary address lists; growing from empty copied them several times.
        var tokens = new List<Token>(Math.Min(text.Length / 4 + 4, 1024));
        var space = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                space = true;
                i++;
                continue;
            }
            if (c == '"')
            {
                var builder = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                        i++;
                    builder.Append(text[i++]);
                }
                i++;
                tokens.Add(new Token(Kind.Quoted, builder.ToString(), space));
            }
            else if (c == '(')
            {
                var builder = new StringBuilder();
                var depth = 1;
                i++;
                while (i < text.Length && depth > 0)
                {
                    var d = text[i++];
                    if (d == '\\' && i < text.Length)
                        builder.Append(text[i++]);
                    else if (d == '(')
                    {
                        depth++;
                        builder.Append(d);
                    }
                    else if (d == ')')
                    {
                        if (--depth > 0)
                            builder.Append(d);
                    }
                    else
                        builder.Append(d);
                }
                tokens.Add(new Token(Kind.Comment, builder.ToString(), space));
            }
            else if (c == '[')
            {
                var close = text.IndexOf(']', i);
                var end = close < 0 ? text.Length : close + 1;
                tokens.Add(new Token(Kind.Atom, text[i..end], space));
                i = end;
            }
            else if (c is '<' or '>' or '@' or ',' or ';' or ':' or '.' or ')')
            {
                tokens.Add(new Token(Kind.Special, SpecialText(c), space));
                i++;
            }
            else
            {
                var end = EncodedWordEnd(text, i);
                if (end < 0)
                {
                    end = i;
                    while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('"' or '(' or '[' or '<' or '>' or '@' or ',' or ';' or ':' or '.' or ')'))
                        end++;
                }
                tokens.Add(new Token(Kind.Atom, text[i..end], space));
                i = end;
            }
            space = false;
        }
        return tokens;
    }

    private static string SpecialText(char c) => c switch
    {
        '<' => "<", '>' => ">", '@' => "@", ',' => ",", ';' => ";", ':' => ":", '.' => ".", _ => ")",
    };

    /// <summary>An encoded word may hold characters that are specials here (",", ".", ":"), so it is taken whole.</summary>
    private static int EncodedWordEnd(string text, int start)
    {
        if (start + 1 >= text.Length || text[start] != '=' || text[start + 1] != '?')
            return -1;
        var marks = 0;
        for (var i = start + 2; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
                return -1;
            if (c != '?')
                continue;
            marks++;
            if (marks >= 3 && text[i + 1] == '=')
                return i + 2;
        }
        return -1;
    }
}
