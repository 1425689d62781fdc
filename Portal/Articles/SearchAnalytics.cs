using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Articles;

public sealed record QueryStat(string Query, string Language, int Searches, int ResultCount, int Clicks)
{
    public double ClickThrough => Searches == 0 ? 0 : Math.Min(1, (double)Clicks / Searches);
}

public sealed record SearchAnalyticsReport(int Days, string? Language, int Searches, int SearchesWithoutResults, int Clicks,
    IReadOnlyList<QueryStat> TopQueries, IReadOnlyList<QueryStat> QueriesWithoutResults)
{
    public double ClickThrough => Searches == 0 ? 0 : Math.Min(1, (double)Clicks / Searches);
}

/// <summary>
/// What readers search for, per day and language: the counts behind the admin's search analytics page. A search and
/// a click each add one to the day's row of that query; nothing identifies a reader.
/// </summary>
public sealed class SearchAnalytics(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock, ILogger<SearchAnalytics> logger)
{
    public const string OpenEndpoint = "/api/search/open";

    public static string OpenPath(string language, string query, string slug) =>
        $"{OpenEndpoint}?lang={language}&q={Uri.EscapeDataString(query)}&slug={Uri.EscapeDataString(slug)}";

    /// <summary>Case, width, accents as typed and spacing do not make a different query; accents stay (they can change a word).</summary>
    public static string Normalize(string query)
    {
        var text = query.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var normal = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return normal.Length <= SearchQueryLimits.QueryLength ? normal : normal[..SearchQueryLimits.QueryLength];
    }

    public Task RecordSearchAsync(string query, string language, int resultCount) =>
        UpsertAsync(query, language, searches: 1, clicks: 0, resultCount);

    public Task RecordClickAsync(string query, string language) =>
        UpsertAsync(query, language, searches: 0, clicks: 1, resultCount: null);

    private async Task UpsertAsync(string query, string language, int searches, int clicks, int? resultCount)
    {
        var normal = Normalize(query);
        if (normal.Length == 0 || !Languages.IsSupported(language))
            return;
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            // One statement, so that two readers searching at once both count.
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO SearchQueries (Day, Language, Query, Searches, ResultCount, Clicks)
                VALUES ({day}, {language}, {normal}, {searches}, {resultCount ?? 0}, {clicks})
                ON CONFLICT (Day, Language, Query) DO UPDATE SET
                    Searches = Searches + excluded.Searches,
                    Clicks = Clicks + excluded.Clicks,
                    ResultCount = CASE WHEN excluded.Searches > 0 THEN excluded.ResultCount ELSE ResultCount END
                """);
        }
        catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
        {
            // Counting is not worth failing a reader's search for.
            logger.LogWarning(e, "Search analytics: could not count a {Kind}", searches > 0 ? "search" : "click");
        }
    }

    /// <summary>The last <paramref name="days"/> days (today included), for one language or all.</summary>
    public async Task<SearchAnalyticsReport> ReportAsync(int days, string? language, int top = 20)
    {
        var since = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(1 - days);
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = db.SearchQueries.AsNoTracking().Where(q => q.Day >= since);
        if (language is not null)
            rows = rows.Where(q => q.Language == language);
        var perQuery = await rows
            .GroupBy(q => new { q.Language, q.Query })
            .Select(g => new
            {
                g.Key.Language,
                g.Key.Query,
                Searches = g.Sum(q => q.Searches),
                Clicks = g.Sum(q => q.Clicks),
                // The newest day's count: the index may have changed since.
                ResultCount = g.OrderByDescending(q => q.Day).Select(q => q.ResultCount).First(),
            })
            .ToListAsync();
        var stats = perQuery.Select(q => new QueryStat(q.Query, q.Language, q.Searches, q.ResultCount, q.Clicks)).ToArray();
        var searched = stats.Where(s => s.Searches > 0).ToArray();
        return new SearchAnalyticsReport(days, language,
            searched.Sum(s => s.Searches),
            searched.Where(s => s.ResultCount == 0).Sum(s => s.Searches),
            stats.Sum(s => s.Clicks),
            searched.OrderByDescending(s => s.Searches).ThenBy(s => s.Query, StringComparer.Ordinal).Take(top).ToArray(),
            searched.Where(s => s.ResultCount == 0).OrderByDescending(s => s.Searches).ThenBy(s => s.Query, StringComparer.Ordinal).Take(top).ToArray());
    }
}
