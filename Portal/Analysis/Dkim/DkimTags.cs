namespace Portal.Analysis.Dkim;

/// <summary>The tag=value list of DKIM-Signature, ARC-Seal and key records (RFC 6376 3.2), whitespace removed from values.</summary>
public static class DkimTags
{
    public static Dictionary<string, string> Parse(string value)
    {
        var tags = new Dictionary<string, string>(16, StringComparer.Ordinal);
        foreach (var item in value.Split(';'))
        {
            var equals = item.IndexOf('=');
            if (equals <= 0)
                continue;
            var name = item[..equals].Trim();
            // Folding whitespace may appear anywhere in a value (b=, bh=, h=); it carries no meaning.
            tags.TryAdd(name, WithoutWhiteSpace(item.AsSpan(equals + 1)));
        }
        return tags;
    }

    private static string WithoutWhiteSpace(ReadOnlySpan<char> value)
    {
        var kept = 0;
        foreach (var c in value)
            if (!char.IsWhiteSpace(c))
                kept++;
        if (kept == value.Length)
            return value.ToString();
        var result = new char[kept];
        var at = 0;
        foreach (var c in value)
            if (!char.IsWhiteSpace(c))
                result[at++] = c;
        return new string(result);
    }
}
