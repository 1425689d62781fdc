namespace Portal.Articles;

/// <summary>The "Portal:Search" configuration section.</summary>
public sealed class SearchOptions
{
    public const string Section = "Portal:Search";

    /// <summary>Results per page of the search page.</summary>
    public int PageSize { get; set; } = 10;

    /// <summary>The synonyms file an admin edits; unset: <c>Articles/Data/synonyms.json</c> beside the app.</summary>
    public string? SynonymsFile { get; set; }
}
