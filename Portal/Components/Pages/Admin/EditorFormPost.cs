using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Portal.Admin;
using Portal.Articles;
using Portal.Data;

namespace Portal.Components.Pages.Admin;

/// <summary>
/// The editor's save as a plain form POST, for an editor whose page has no circuit (JavaScript off, a WebSocket that a
/// proxy blocks): the page's static render carries the form (<see cref="FormId"/>). Any instance behind the load balancer
/// answers it, since it needs no circuit. A saved text redirects back to the editor; a save from an outdated version is
/// answered 409 with both texts and a form to save the merge (<see cref="EditorConflictDocument"/>), never applied.
/// </summary>
public static class EditorFormPost
{
    public const string FormId = "editor-form";

    /// <summary>The form's field names, shared by the editor page, the conflict page and this endpoint.</summary>
    public static class Field
    {
        public const string Title = "title", Summary = "summary", Body = "body", Tags = "tags", Updated = "updated",
            SourceRevision = "sourceRevision", Category = "category", Order = "order", Version = "version", Publish = "publish";
    }

    public static string PathFor(string slug, string language) => $"/admin/articles/{Uri.EscapeDataString(slug)}/{language}/save";

    public static string EditorPathFor(string slug, string language) => $"/admin/articles/{Uri.EscapeDataString(slug)}/{language}";

    public static void MapEditorFormPost(this IEndpointRouteBuilder app) =>
        app.MapPost("/admin/articles/{slug}/{lang}/save", SaveAsync)
            .RequireAuthorization(AdminRoles.ContentPolicy).DisableAntiforgery().AddEndpointFilter(AdminEndpoints.RequireAntiforgery);

    private static async Task<IResult> SaveAsync(string slug, string lang, HttpContext context, TranslationEditor editor)
    {
        // Read after the antiforgery filter has passed (see AdminEndpoints).
        var form = await context.Request.ReadFormAsync();
        var text = new TranslationText(form[Field.Title].ToString(), form[Field.Summary].ToString(), form[Field.Body].ToString(), form[Field.Tags].ToString(),
            DateOnly.TryParseExact(form[Field.Updated].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var updated) ? updated : DateOnly.FromDateTime(DateTime.UtcNow),
            Number(form[Field.SourceRevision]));
        Guid? version = Guid.TryParse(form[Field.Version].ToString(), out var v) ? v : null;
        var publish = form[Field.Publish].ToString() == nameof(PublishChange.Publish) ? PublishChange.Publish : PublishChange.Keep;
        (string, int)? articleFields = lang == Languages.English && form.ContainsKey(Field.Category)
            ? (form[Field.Category].ToString(), Number(form[Field.Order]) ?? 0) : null;

        var result = await editor.SaveAsync(slug, lang, text, version, publish, context.User.Identity?.Name ?? "", articleFields);
        return result.Outcome switch
        {
            SaveOutcome.Saved => Results.Redirect(EditorPathFor(slug, lang)),
            SaveOutcome.Conflict => new RazorComponentResult<EditorConflictDocument>(new
            {
                Slug = slug, Lang = lang, Theirs = result.Current!, Yours = text, Publish = publish, ArticleFields = articleFields,
            }) { StatusCode = StatusCodes.Status409Conflict },
            SaveOutcome.Invalid => NotSaved(StatusCodes.Status422UnprocessableEntity, "Admin.Editor.Invalid"),
            SaveOutcome.StorageUnavailable => NotSaved(StatusCodes.Status503ServiceUnavailable, StorageFaults.TextKey),
            _ => Results.NotFound(),
        };

        // The reason in words, and the editor's text in a form to send again: a refused save loses nothing typed.
        IResult NotSaved(int status, string reason) => new RazorComponentResult<EditorConflictDocument>(new
        {
            Slug = slug, Lang = lang, Yours = text, Publish = publish, ArticleFields = articleFields, Version = version,
            ProblemKey = reason,
        }) { StatusCode = status };
    }

    private static int? Number(StringValues value) => int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
