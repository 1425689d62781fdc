using System.Text.Json;

namespace Portal.Articles;

/// <summary>
/// Which glossary entry explains a technical term of the report (<c>pkesk</c>, <c>ESMTPS</c>, <c>DKIM</c>…)
/// and which term a finding is about. The table is data (<c>Analysis/Data/glossary-terms.json</c>); the
/// anchors are the explicit <c>{#id}</c> headings of the glossary, the same in every language.
/// </summary>
public static class GlossaryTerms
{
    public const string Slug = "glossary";

    private sealed record Table(Dictionary<string, string> Terms, Dictionary<string, string> Findings);

    private static readonly Lazy<(IReadOnlyDictionary<string, string> Terms, IReadOnlyDictionary<string, string> Findings)> Data = new(Load);

    /// <summary>Every anchor the table can link to, for the test that each exists in every translation.</summary>
    public static IReadOnlyCollection<string> Anchors => Data.Value.Terms.Values.Distinct(StringComparer.Ordinal).ToArray();

    public static IReadOnlyDictionary<string, string> FindingTerms => Data.Value.Findings;

    public static string? Anchor(string? term) =>
        term is not null && Data.Value.Terms.TryGetValue(term.Trim(), out var anchor) ? anchor : null;

    /// <summary>The glossary entry for a term in a language, e.g. <c>/ja/articles/glossary#pkesk-skesk</c>; null for an unknown term.</summary>
    public static string? Link(string languageCode, string? term) =>
        Anchor(term) is { } anchor ? $"/{languageCode}/articles/{Slug}#{anchor}" : null;

    public static string? LinkForFinding(string languageCode, string code) =>
        Data.Value.Findings.TryGetValue(code, out var term) ? Link(languageCode, term) : null;

    private static (IReadOnlyDictionary<string, string>, IReadOnlyDictionary<string, string>) Load()
    {
        using var stream = typeof(GlossaryTerms).Assembly.GetManifestResourceStream("Portal.Analysis.Data.glossary-terms.json")
            ?? throw new InvalidOperationException("glossary-terms.json is not embedded");
        var table = JsonSerializer.Deserialize<Table>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("glossary-terms.json is empty");
        return (new Dictionary<string, string>(table.Terms, StringComparer.OrdinalIgnoreCase),
            new Dictionary<string, string>(table.Findings, StringComparer.Ordinal));
    }
}
