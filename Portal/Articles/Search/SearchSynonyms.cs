using System.Text.Json;
using Lucene.Net.Analysis.Synonym;

namespace Portal.Articles.Search;

/// <summary>
/// The synonym groups of <c>Articles/Data/synonyms.json</c>, a file shipped beside the app so that an admin can read
/// and change it: per language, plus <c>all</c> for product names that every language writes the same way.
/// </summary>
public sealed class SearchSynonyms
{
    private const string SharedKey = "all";

    private readonly Dictionary<string, IReadOnlyList<IReadOnlyList<string>>> groups;
    private readonly Dictionary<string, SynonymMap?> maps = new(StringComparer.Ordinal);

    private SearchSynonyms(Dictionary<string, IReadOnlyList<IReadOnlyList<string>>> groups) => this.groups = groups;

    public static string ShippedPath => Path.Combine(AppContext.BaseDirectory, "Articles", "Data", "synonyms.json");

    public static SearchSynonyms Shipped() => Load(ShippedPath);

    public static SearchSynonyms Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>The groups of a synonyms file's text; throws <see cref="JsonException"/> when it is not valid JSON.</summary>
    public static SearchSynonyms Parse(string text)
    {
        using var json = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var groups = new Dictionary<string, IReadOnlyList<IReadOnlyList<string>>>(StringComparer.Ordinal);
        foreach (var property in json.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
        {
            groups[property.Name] = property.Value.EnumerateArray()
                .Select(group => (IReadOnlyList<string>)group.EnumerateArray().Select(w => w.GetString() ?? "").Where(w => w.Trim().Length > 0).ToArray())
                .Where(group => group.Count > 1)
                .ToArray();
        }
        return new SearchSynonyms(groups);
    }

    /// <summary>The groups that apply to a language: its own, then the shared ones.</summary>
    public IReadOnlyList<IReadOnlyList<string>> GroupsFor(string language) =>
        [.. groups.GetValueOrDefault(language, []), .. groups.GetValueOrDefault(SharedKey, [])];

    /// <summary>Whether a language's groups (its own and the shared ones) are the same in both files.</summary>
    public bool SameFor(string language, SearchSynonyms other)
    {
        var mine = GroupsFor(language);
        var theirs = other.GroupsFor(language);
        return mine.Count == theirs.Count && mine.Zip(theirs).All(pair => pair.First.SequenceEqual(pair.Second, StringComparer.Ordinal));
    }

    /// <summary>The language's groups as Lucene reads them, written in the words of that language's analysis.</summary>
    public SynonymMap? MapFor(string language)
    {
        lock (maps)
        {
            if (!maps.TryGetValue(language, out var map))
                maps[language] = map = Build(language);
            return map;
        }
    }

    private SynonymMap? Build(string language)
    {
        var lines = GroupsFor(language).Select(group => string.Join(", ", group.Select(Escape))).ToArray();
        if (lines.Length == 0)
            return null;
        using var analyzer = new LanguageAnalyzer(language, AnalysisPurpose.Spelling);
        var parser = new SolrSynonymParser(dedup: true, expand: true, analyzer);
        parser.Parse(new StringReader(string.Join('\n', lines)));
        return parser.Build();
    }

    /// <summary>The Solr synonym format gives commas, backslashes and "=>" a meaning; a group's words are plain text.</summary>
    private static string Escape(string word) =>
        word.Replace("\\", "\\\\").Replace(",", "\\,").Replace("=>", "=\\>");
}
