using Portal.Articles;
using Portal.Articles.Search;
using Portal.Tests.Support;

namespace Portal.Tests.Articles;

/// <summary>The articles of content/ as they are in the checkout, indexed once per language for the search tests.</summary>
public static class ContentSearchIndex
{
    private static readonly Dictionary<string, Lazy<(LanguageIndex Index, IReadOnlyList<SearchDocument> Documents)>> Built =
        Languages.All.ToDictionary(l => l.Code, l => new Lazy<(LanguageIndex, IReadOnlyList<SearchDocument>)>(() => Build(l.Code)));

    public static LanguageIndex For(string language) => Built[language].Value.Index;

    public static IReadOnlyList<SearchDocument> Documents(string language) => Built[language].Value.Documents;

    public static SearchSynonyms Synonyms { get; } = SearchSynonyms.Load(Path.Combine(RepositoryPaths.Root, "Portal", "Articles", "Data", "synonyms.json"));

    private static (LanguageIndex, IReadOnlyList<SearchDocument>) Build(string language)
    {
        var documents = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Content, language), "*.md")
            .Order(StringComparer.Ordinal)
            .Select(path => FrontMatterParser.Parse(File.ReadAllText(path), language).Document)
            .OfType<ArticleDocument>()
            .Select(d => new SearchDocument(d.Slug, d.Category, d.Order, d.Title, d.Summary, string.Join(", ", d.Tags), MarkdownRenderer.Render(d.Body).PlainText))
            .ToArray();
        var index = new LanguageIndex(language, Synonyms);
        index.Sync(documents);
        return (index, documents);
    }
}
