using System.Globalization;

namespace Portal.Articles;

/// <summary>What went wrong with one content file, said so that an author can fix it.</summary>
public sealed record ContentProblem(string Path, string Message);

/// <summary>
/// Reads the simple front matter our articles use: <c>key: value</c> lines between two <c>---</c> lines,
/// lists as <c>[a, b]</c>. It is deliberately not YAML: a small format is easy to check and to explain.
/// </summary>
public static class FrontMatterParser
{
    private static readonly string[] Required = ["title", "slug"];

    public static (ArticleDocument? Document, string? Error) Parse(string text, string language)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
            return (null, "the file does not start with a '---' front matter line");

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var end = -1;
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim() == "---") { end = i; break; }
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
                continue;
            var colon = line.IndexOf(':');
            if (colon <= 0)
                return (null, $"front matter line {i + 1} is not 'key: value': \"{line.Trim()}\"");
            var key = line[..colon].Trim();
            if (fields.ContainsKey(key))
                return (null, $"front matter key '{key}' appears twice (line {i + 1})");
            fields[key] = Unquote(line[(colon + 1)..].Trim());
        }
        if (end < 0)
            return (null, "the front matter has no closing '---' line");

        foreach (var key in Required)
            if (!fields.TryGetValue(key, out var value) || value.Length == 0)
                return (null, $"front matter is missing '{key}'");

        var slug = fields["slug"];
        if (!IsValidSlug(slug))
            return (null, $"slug '{slug}' may only contain a-z, 0-9 and '-'");

        if (!TryInt(fields, "order", 0, out var order, out var error) ||
            !TryOptionalInt(fields, "revision", out var revision, out error) ||
            !TryOptionalInt(fields, "source_revision", out var sourceRevision, out error))
            return (null, error);

        var updated = DateOnly.MinValue;
        if (fields.TryGetValue("updated", out var updatedText) &&
            !DateOnly.TryParseExact(updatedText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out updated))
            return (null, $"'updated' must be a date like 2026-11-21, not '{updatedText}'");

        if (language != Languages.English && sourceRevision is null)
            return (null, "a translation needs 'source_revision': the English revision it was made from");

        var body = string.Join('\n', lines.Skip(end + 1)).Trim('\n');
        return (new ArticleDocument(
            language, slug, fields["title"], fields.GetValueOrDefault("summary", ""),
            fields.GetValueOrDefault("category", "general"), order, updated,
            ParseList(fields.GetValueOrDefault("tags", "")),
            revision, sourceRevision, body), null);
    }

    public static bool IsValidSlug(string slug) =>
        slug.Length is > 0 and <= 200 && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\\\"", "\"") : value;

    private static IReadOnlyList<string> ParseList(string value) =>
        value.Trim().TrimStart('[').TrimEnd(']')
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Unquote)
            .ToArray();

    private static bool TryInt(Dictionary<string, string> fields, string key, int fallback, out int value, out string? error)
    {
        error = null;
        value = fallback;
        if (!fields.TryGetValue(key, out var text))
            return true;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
            return true;
        error = $"'{key}' must be a whole number, not '{text}'";
        return false;
    }

    private static bool TryOptionalInt(Dictionary<string, string> fields, string key, out int? value, out string? error)
    {
        value = null;
        if (!fields.ContainsKey(key)) { error = null; return true; }
        var ok = TryInt(fields, key, 0, out var parsed, out error);
        value = ok ? parsed : null;
        return ok;
    }
}
