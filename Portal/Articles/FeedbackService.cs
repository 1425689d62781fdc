using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Articles;

public sealed record FeedbackCounts(int Helpful, int NotHelpful);

/// <summary>Stores and counts the answers to "Was this article helpful?".</summary>
public sealed class FeedbackService(IDbContextFactory<PortalDbContext> dbFactory)
{
    public const int MaxCommentLength = 1000;

    public async Task RecordAsync(int articleId, string language, bool helpful, string? comment = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Feedback.Add(new ArticleFeedback
        {
            ArticleId = articleId,
            Language = language,
            Helpful = helpful,
            Comment = Shorten(comment?.Trim()),
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private static string? Shorten(string? comment) =>
        string.IsNullOrEmpty(comment) ? null : comment[..Math.Min(comment.Length, MaxCommentLength)];

    public async Task<FeedbackCounts> CountAsync(int articleId, string language)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var answers = db.Feedback.Where(f => f.ArticleId == articleId && f.Language == language);
        return new FeedbackCounts(await answers.CountAsync(f => f.Helpful), await answers.CountAsync(f => !f.Helpful));
    }
}
