namespace Portal.Analysis.Dkim;

/// <summary>The tag=value list of DKIM-Signature, ARC-Seal and key records (RFC 6376 3.2), whitespace removed from values.</summary>
public static class DkimTags
{
    public static Dictionary<string, string> Parse(string value)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in value.Split(';'))
        {
            var equals = item.IndexOf('=');
            if (equals <= 0)
                continue;
            var name = item[..equals].Trim();
            // Folding whitespace may appear anywhere in a value (b=, bh=, h=); it carries no meaning.
            var tagValue = string.Concat(item[(equals + 1)..].Where(c => !char.IsWhiteSpace(c)));
            tags.TryAdd(name, tagValue);
        }
        return tags;
    }
}
