using System.Globalization;
using System.Text;

namespace Portal.Articles;

/// <summary>
/// Writes an article in the format <see cref="FrontMatterParser"/> reads, with the keys always in the same
/// order and LF line endings, so exporting twice gives the same bytes and git diffs stay small.
/// </summary>
public static class FrontMatterWriter
{
    public static string Write(ArticleDocument doc)
    {
        var text = new StringBuilder("---\n");
        Field(text, "title", doc.Title);
        Field(text, "summary", doc.Summary);
        Field(text, "slug", doc.Slug);
        Field(text, "category", doc.Category);
        Field(text, "order", doc.Order.ToString(CultureInfo.InvariantCulture));
        if (doc.Updated != DateOnly.MinValue)
            Field(text, "updated", doc.Updated.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        text.Append("tags: [").Append(string.Join(", ", doc.Tags.Select(Quote))).Append("]\n");
        if (doc.Language == Languages.English)
            Field(text, "revision", (doc.Revision ?? 1).ToString(CultureInfo.InvariantCulture));
        else
            Field(text, "source_revision", (doc.SourceRevision ?? 0).ToString(CultureInfo.InvariantCulture));
        text.Append("---\n\n").Append(doc.Body.Replace("\r\n", "\n").Trim('\n')).Append('\n');
        return text.ToString();
    }

    private static void Field(StringBuilder text, string key, string value) =>
        text.Append(key).Append(": ").Append(Quote(value)).Append('\n');

    /// <summary>Double-quotes a value with a colon (or quotes or brackets of its own) so it reads back unchanged.</summary>
    private static string Quote(string value) =>
        value.IndexOfAny([':', '"', '[', ']', '#']) >= 0 || value != value.Trim()
            ? "\"" + value.Replace("\"", "\\\"") + "\""
            : value;
}
