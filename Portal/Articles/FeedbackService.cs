using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Articles;

public sealed record FeedbackCounts(int Helpful, int NotHelpful);

/// <summary>
/// Stores and counts the answers to "Was this article helpful?". A database that refuses the write (read-only, full:
/// <see cref="StorageFaults"/>) is not the reader's error: the answer is "not saved", the log says why in one line.
/// </summary>
public sealed class FeedbackService(IDbContextFactory<PortalDbContext> dbFactory, PortalPaths paths, ILogger<FeedbackService> logger)
{
    public const int MaxCommentLength = 1000;

    /// <summary>Stores one answer and returns its id, which a follow-up comment refers to; null when it could not be saved.</summary>
    public async Task<int?> RecordAsync(int articleId, string language, bool helpful, string? comment = null)
    {
        try
        {
            return await SaveAnswerAsync(articleId, language, helpful, comment);
        }
        catch (Exception e) when (StorageFaults.IsStorageFault(e))
        {
            LogCannotSave("an answer", e);
            return null;
        }
    }

    private async Task<int> SaveAnswerAsync(int articleId, string language, bool helpful, string? comment)
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

    /// <summary>
    /// Adds the reader's "what was missing?" text to their earlier answer; an empty text changes nothing.
    /// False when it could not be saved.
    /// </summary>
    public async Task<bool> CommentAsync(int feedbackId, string? comment)
    {
        if (Shorten(comment?.Trim()) is not { } text)
            return true;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await db.Feedback.Where(f => f.Id == feedbackId).ExecuteUpdateAsync(f => f.SetProperty(x => x.Comment, text));
            return true;
        }
        catch (Exception e) when (StorageFaults.IsStorageFault(e))
        {
            LogCannotSave("a comment", e);
            return false;
        }
    }

    private void LogCannotSave(string what, Exception e) =>
        logger.LogError("Cannot save {What} on an article: {Reason}. Make the data folder writable (or free disk space); reading is unaffected",
            what, StorageFaults.Describe(paths.DatabaseFile, e));

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
