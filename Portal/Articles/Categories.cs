namespace Portal.Articles;

/// <summary>The help center's categories, in the order readers meet them.</summary>
public static class Categories
{
    public static IReadOnlyList<string> Order { get; } = ["encryption", "sending", "relays", "analyzer"];

    public static bool IsKnown(string? category) => category is not null && Order.Contains(category);

    /// <summary>Articles grouped by category, known categories first in their order, then any other by its first article.</summary>
    public static IReadOnlyList<IGrouping<string, ArticleView>> Group(IEnumerable<ArticleView> articles) =>
        articles.GroupBy(a => a.Category)
            .OrderBy(g => Order.IndexOf(g.Key) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(g => g.Min(a => a.Order))
            .ToArray();

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == value)
                return i;
        return -1;
    }
}
