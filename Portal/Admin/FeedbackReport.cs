using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Admin;

public sealed record FeedbackTally(string Slug, string Language, int Helpful, int NotHelpful);

public sealed record FeedbackComment(string Slug, string Language, bool Helpful, string Comment, DateTimeOffset CreatedAt);

/// <summary>The "Was this article helpful?" answers, counted per article and language, and the newest comments.</summary>
public sealed class FeedbackReport(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<FeedbackTally>> TallyAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.Feedback.AsNoTracking()
            .GroupBy(f => new { f.Article.Slug, f.Language })
            .Select(g => new { g.Key.Slug, g.Key.Language, Helpful = g.Count(f => f.Helpful), NotHelpful = g.Count(f => !f.Helpful) })
            .ToListAsync();
        return rows.Select(r => new FeedbackTally(r.Slug, r.Language, r.Helpful, r.NotHelpful))
            .OrderBy(t => t.Slug, StringComparer.Ordinal).ThenBy(t => t.Language, StringComparer.Ordinal).ToArray();
    }

    public async Task<IReadOnlyList<FeedbackComment>> NewestCommentsAsync(int count = 50)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.Feedback.AsNoTracking().Where(f => f.Comment != null)
            .OrderByDescending(f => f.Id).Take(count)
            .Select(f => new { f.Article.Slug, f.Language, f.Helpful, f.Comment, f.CreatedAt })
            .ToListAsync();
        return rows.Select(r => new FeedbackComment(r.Slug, r.Language, r.Helpful, r.Comment!, r.CreatedAt)).ToArray();
    }
}
