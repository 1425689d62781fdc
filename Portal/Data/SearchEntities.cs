namespace Portal.Data;

/// <summary>
/// How often one query was searched for in one language on one day, how many articles it found the last time, and
/// how many of its results readers opened. Only the normalised query text is kept: never an address, a session or
/// the time of a search.
/// </summary>
public sealed class SearchQueryDay
{
    public int Id { get; set; }
    public DateOnly Day { get; set; }
    public required string Language { get; set; }
    public required string Query { get; set; }
    public int Searches { get; set; }
    public int ResultCount { get; set; }
    public int Clicks { get; set; }
}

public static class SearchQueryLimits
{
    /// <summary>Longer queries are cut: they are pasted text, not what readers look for.</summary>
    public const int QueryLength = 100;
}
