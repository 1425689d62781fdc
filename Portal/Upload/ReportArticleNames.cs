using Portal.Articles;

namespace Portal.Upload;

/// <summary>
/// The help-center names a report shows beside its links, in the report's language: each article's title and each
/// glossary entry's heading by its anchor ('Verborgener Empfänger' for #hidden-recipient). The glossary's own headings
/// are used so that the link says what the reader will find, and an editor's change to a heading shows here too.
/// </summary>
public sealed record ReportArticleNames(IReadOnlyDictionary<string, string> Titles, IReadOnlyDictionary<string, string> GlossaryHeadings)
{
    public static ReportArticleNames None { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    public static async Task<ReportArticleNames> LoadAsync(ArticleLibrary library, string languageCode)
    {
        var articles = await library.ListAsync(languageCode);
        var titles = articles.ToDictionary(a => a.Slug, a => a.Title, StringComparer.Ordinal);
        var headings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in articles.FirstOrDefault(a => a.Slug == GlossaryTerms.Slug)?.Rendered.Toc ?? [])
            headings.TryAdd(entry.Anchor, entry.Text);
        return new ReportArticleNames(titles, headings);
    }

    /// <summary>The glossary heading for a term of the report, or the term itself where the glossary has no heading for it.</summary>
    public string GlossaryName(string term) =>
        GlossaryTerms.Anchor(term) is { } anchor && GlossaryHeadings.TryGetValue(anchor, out var heading) ? heading : term;
}
