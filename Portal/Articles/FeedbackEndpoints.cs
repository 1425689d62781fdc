using Microsoft.AspNetCore.DataProtection;

namespace Portal.Articles;

/// <summary>
/// "Was this article helpful?" as plain form posts, so that it works without JavaScript and the article page needs
/// no circuit. The article page is output-cached and the same for everyone, so it cannot carry a per-reader
/// antiforgery token. Instead the posts are protected by what a browser tells us about where they come from:
/// a cross-site form post carries <c>Sec-Fetch-Site: cross-site</c> and a foreign <c>Origin</c>, and is refused.
/// Nothing here is tied to an account, so a forged post could at most add one anonymous vote, which anyone can do anyway.
/// The follow-up comment names its vote by an id sealed with data protection, so a reader can only comment on their own vote.
/// </summary>
public static class FeedbackEndpoints
{
    public const string Anchor = "feedback";
    /// <summary>The query value that tells the article page the reader's answer or comment could not be saved.</summary>
    public const string NotSaved = "not-saved";
    private static readonly TimeSpan CommentWindow = TimeSpan.FromHours(1);

    public static void MapFeedbackEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/{lang}/articles/{slug}/feedback", async (string lang, string slug, HttpContext context,
            ArticleLibrary library, FeedbackService feedback, IDataProtectionProvider protection) =>
        {
            if (!IsSameSite(context.Request) || !Languages.IsSupported(lang))
                return Results.BadRequest();
            var form = await context.Request.ReadFormAsync();
            var answer = form["helpful"].ToString();
            if (answer is not ("yes" or "no"))
                return Results.BadRequest();
            var article = await library.FindAsync(slug, Languages.Get(lang).Code);
            if (article is null)
                return Results.NotFound();
            var helpful = answer == "yes";
            if (await feedback.RecordAsync(article.ArticleId, article.RequestedLanguage, helpful) is not { } id)
                return Results.Redirect($"/{article.RequestedLanguage}/articles/{article.Slug}?{NotSaved}=true#{Anchor}");
            var receipt = Receipts(protection).Protect($"{id}:{(helpful ? "yes" : "no")}", CommentWindow);
            return Results.Redirect($"/{article.RequestedLanguage}/articles/{article.Slug}?feedback={Uri.EscapeDataString(receipt)}#{Anchor}");
        }).DisableAntiforgery();

        app.MapPost("/{lang}/articles/{slug}/feedback/comment", async (string lang, string slug, HttpContext context,
            FeedbackService feedback, IDataProtectionProvider protection) =>
        {
            if (!IsSameSite(context.Request) || !Languages.IsSupported(lang))
                return Results.BadRequest();
            var form = await context.Request.ReadFormAsync();
            if (ReadReceipt(protection, form["receipt"]) is not { Helpful: false } vote)
                return Results.BadRequest();
            if (!await feedback.CommentAsync(vote.Id, form["comment"]))
                return Results.Redirect($"/{Languages.Get(lang).Code}/articles/{Uri.EscapeDataString(slug)}?feedback={Uri.EscapeDataString(form["receipt"].ToString())}&{NotSaved}=true#{Anchor}");
            var done = Receipts(protection).Protect($"{vote.Id}:commented", CommentWindow);
            return Results.Redirect($"/{Languages.Get(lang).Code}/articles/{Uri.EscapeDataString(slug)}?feedback={Uri.EscapeDataString(done)}#{Anchor}");
        }).DisableAntiforgery();
    }

    /// <summary>What the article page shows after a vote: the vote's id, its answer, and whether a comment was added.</summary>
    public sealed record Receipt(int Id, bool Helpful, bool Commented);

    public static Receipt? ReadReceipt(IDataProtectionProvider protection, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        try
        {
            var parts = Receipts(protection).Unprotect(value).Split(':');
            return parts is [var id, var state] && int.TryParse(id, out var number)
                ? new Receipt(number, state == "yes", state == "commented")
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // expired or forged: the page shows the question again
        }
    }

    private static ITimeLimitedDataProtector Receipts(IDataProtectionProvider protection) =>
        protection.CreateProtector("Portal.Articles.Feedback.Receipt").ToTimeLimitedDataProtector();

    /// <summary>False for a post that the browser says comes from another site.</summary>
    public static bool IsSameSite(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite is "cross-site" or "same-site")
            return false;
        var origin = request.Headers.Origin.ToString();
        return string.IsNullOrEmpty(origin) || origin == "null"
            ? fetchSite is "" or "same-origin" or "none"
            : Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
