namespace Portal.Analysis.Relays;

/// <summary>A display name and address as the relay detector needs them.</summary>
public sealed record AddressEntry(string? DisplayName, string Address)
{
    public string LocalPart => Address.LastIndexOf('@') is var at and > 0 ? Address[..at] : Address;
    public string Domain => Address.LastIndexOf('@') is var at and >= 0 ? Address[(at + 1)..].ToLowerInvariant() : "";
}

/// <summary>
/// Splits an address header value into display names and addresses, leniently: commas inside quotes,
/// comments and angle brackets do not split; a group's name is dropped.
/// </summary>
public static class AddressText
{
    public static IReadOnlyList<AddressEntry> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return [];
        var entries = new List<AddressEntry>();
        foreach (var piece in SplitTopLevel(value))
        {
            var text = piece.Trim().TrimEnd(';');
            var colon = text.IndexOf(':');
            if (colon >= 0 && text.IndexOf('<') is var lt && (lt < 0 || colon < lt) && !text[..colon].Contains('"'))
                text = text[(colon + 1)..].Trim(); // "Group: a@b"
            if (text.Length == 0)
                continue;
            var open = text.LastIndexOf('<');
            var close = text.LastIndexOf('>');
            if (open >= 0 && close > open)
            {
                var address = text[(open + 1)..close].Trim();
                var display = text[..open].Trim().Trim('"').Trim();
                if (address.Length > 0)
                    entries.Add(new AddressEntry(display.Length == 0 ? null : display, address));
            }
            else if (text.Contains('@'))
            {
                var paren = text.IndexOf('(');
                entries.Add(new AddressEntry(null, (paren > 0 ? text[..paren] : text).Trim()));
            }
        }
        return entries;
    }

    private static IEnumerable<string> SplitTopLevel(string value)
    {
        var start = 0;
        var quoted = false;
        var depth = 0;
        var angle = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\') { i++; continue; }
            if (c == '"' && depth == 0) quoted = !quoted;
            else if (quoted) continue;
            else if (c == '(') depth++;
            else if (c == ')' && depth > 0) depth--;
            else if (c == '<') angle = true;
            else if (c == '>') angle = false;
            else if (c == ',' && depth == 0 && !angle)
            {
                yield return value[start..i];
                start = i + 1;
            }
        }
        yield return value[start..];
    }
}
