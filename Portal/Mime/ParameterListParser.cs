using System.Text;

namespace Portal.Mime;

/// <summary>
/// Reads "; name=value" lists of Content-Type and Content-Disposition. Lenient where senders are sloppy:
/// unquoted values with spaces, missing semicolons before a new "name=", unterminated quotes, comments.
/// </summary>
internal static class ParameterListParser
{
    public static List<Rfc2231.RawParameter> Parse(string text, int start, out bool malformed)
    {
        malformed = false;
        var parameters = new List<Rfc2231.RawParameter>();
        var i = start;
        while (i < text.Length)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == ';'))
                i++;
            if (i >= text.Length)
                break;

            var nameStart = i;
            while (i < text.Length && text[i] is not ('=' or ';'))
                i++;
            var name = text[nameStart..i].Trim();
            if (i >= text.Length || text[i] == ';')
            {
                malformed = true;
                continue;
            }
            i++; // '='
            while (i < text.Length && text[i] is ' ' or '\t')
                i++;

            string value;
            if (i < text.Length && text[i] == '"')
            {
                var builder = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    var c = text[i++];
                    if (c == '\\' && i < text.Length)
                        builder.Append(text[i++]);
                    else if (c == '"')
                    {
                        closed = true;
                        break;
                    }
                    else
                        builder.Append(c);
                }
                if (!closed)
                    malformed = true;
                value = builder.ToString();
                // Skip anything between the closing quote and the next separator.
                while (i < text.Length && text[i] != ';')
                    i++;
            }
            else
            {
                var valueStart = i;
                while (i < text.Length && text[i] != ';')
                    i++;
                value = text[valueStart..i].Trim();
            }

            if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 0x7F))
            {
                malformed = true;
                continue;
            }
            parameters.Add(new Rfc2231.RawParameter(name, value));
        }
        return parameters;
    }

    /// <summary>Removes RFC 5322 comments outside quoted strings; most values have none, so the common path allocates nothing.</summary>
    public static string StripComments(string text)
    {
        if (!text.Contains('('))
            return text;
        var builder = new StringBuilder(text.Length);
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && (quoted || depth > 0))
            {
                if (depth == 0)
                    builder.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (depth == 0 && c == '"')
                quoted = !quoted;
            else if (!quoted && c == '(')
            {
                depth++;
                continue;
            }
            else if (!quoted && c == ')' && depth > 0)
            {
                depth--;
                continue;
            }
            if (depth == 0)
                builder.Append(c);
        }
        return builder.ToString();
    }
}
