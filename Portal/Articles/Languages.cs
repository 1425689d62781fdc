using System.Globalization;

namespace Portal.Articles;

/// <summary>A language the portal is written in: its URL code, its BCP 47 tag for <c>lang</c>/<c>hreflang</c>, and its own name.</summary>
public sealed record Language(string Code, string Tag, string NativeName)
{
    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(Code);
}

public static class Languages
{
    public const string English = "en";

    public static IReadOnlyList<Language> All { get; } =
    [
        new("en", "en", "English"),
        new("zh", "zh-Hans", "简体中文"),
        new("ja", "ja", "日本語"),
        new("fr", "fr", "Français"),
        new("de", "de", "Deutsch"),
        new("es", "es", "Español"),
    ];

    private static readonly Dictionary<string, Language> ByCode = All.ToDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);

    /// <summary>The language's place in <see cref="All"/>, for listing languages in the portal's order.</summary>
    public static int IndexOf(string code) => Positions.TryGetValue(code, out var position) ? position : int.MaxValue;

    private static readonly Dictionary<string, int> Positions =
        All.Select((language, index) => (language.Code, index)).ToDictionary(p => p.Code, p => p.index, StringComparer.OrdinalIgnoreCase);

    public static bool IsSupported(string? code) => code is not null && ByCode.ContainsKey(code);

    public static Language Get(string code) => ByCode.TryGetValue(code, out var language) ? language : ByCode[English];

    public static Language? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var language) ? language : null;

    /// <summary>
    /// Picks the reader's language: a supported cookie value first, then the best Accept-Language
    /// entry (by quality; "zh-CN" or "zh-Hans" match "zh"), then the configured default.
    /// </summary>
    public static Language Negotiate(string? cookie, string? acceptLanguage, string defaultCode = English)
    {
        if (Find(cookie) is { } fromCookie)
            return fromCookie;

        foreach (var tag in ParseAcceptLanguage(acceptLanguage))
        {
            var primary = tag.Split('-', 2)[0];
            if (Find(primary) is { } match)
                return match;
        }
        return Get(defaultCode);
    }

    private static IEnumerable<string> ParseAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return [];

        var entries = new List<(string Tag, double Quality, int Position)>();
        var position = 0;
        foreach (var item in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = item.Split(';', StringSplitOptions.TrimEntries);
            var quality = 1.0;
            foreach (var parameter in pieces.Skip(1))
            {
                if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase) &&
                    double.TryParse(parameter[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var q))
                    quality = q;
            }
            if (quality > 0 && pieces[0].Length > 0 && pieces[0] != "*")
                entries.Add((pieces[0], quality, position++));
        }
        return entries.OrderByDescending(e => e.Quality).ThenBy(e => e.Position).Select(e => e.Tag);
    }
}
