using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Articles;

public sealed record FeedbackCounts(int Helpful, int NotHelpful);

/// <summary>Stores and counts the answers to "Was this article helpful?".</summary>
public sealed class FeedbackService(IDbContextFactory<PortalDbContext> dbFactory)
{
    public const int MaxCommentLength = 1000;

    /// <summary>Stores one answer and returns its id, which a follow-up comment refers to.</summary>
    public async Task<int> RecordAsync(int articleId, string language, bool helpful, string? comment = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var answer = new ArticleFeedback
        {
            ArticleId = articleId,
            Language = language,
            Helpful = helpful,
            Comment = Shorten(comment?.Trim()),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Feedback.Add(answer);
        await db.SaveChangesAsync();
        return answer.Id;
    }

    /// <summary>Adds the reader's "what was missing?" text to their earlier answer; an empty text changes nothing.</summary>
    public async Task CommentAsync(int feedbackId, string? comment)
    {
        if (Shorten(comment?.Trim()) is not { } text)
            return;
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Feedback.Where(f => f.Id == feedbackId).ExecuteUpdateAsync(f => f.SetProperty(x => x.Comment, text));
    }

    /// <summary>The ids of the articles readers found most helpful (more "yes" than "no"), best first.</summary>
    public async Task<IReadOnlyList<int>> MostHelpfulAsync(int count)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Feedback
            .GroupBy(f => f.ArticleId)
            .Select(g => new { ArticleId = g.Key, Score = g.Count(f => f.Helpful) - g.Count(f => !f.Helpful) })
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score).ThenBy(s => s.ArticleId)
            .Take(count)
            .Select(s => s.ArticleId)
            .ToListAsync();
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
