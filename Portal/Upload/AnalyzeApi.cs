using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Analysis.Report;
using Portal.Articles;
using Portal.Hosting;

namespace Portal.Upload;

/// <summary>
/// <c>POST /api/analyze</c>: the raw message (or a multipart file) in, the engine's JSON report with
/// localized texts out (<c>?lang=</c>, else Accept-Language). Its OpenAPI description is generated from this
/// endpoint's metadata (<see cref="AnalyzeApiDescription"/>).
/// </summary>
public static class AnalyzeApi
{
    public const string Route = "/api/analyze";

    public static IEndpointConventionBuilder MapAnalyzeApi(this IEndpointRouteBuilder app) =>
        app.MapPost(Route, AnalyzeAsync)
            .WithName("AnalyzeEmail")
            .WithTags("Analyzer")
            .WithSummary("Analyze one email")
            .WithDescription("Send the raw message as the body, or as the first file of a multipart form. The size limit " +
                             "(Portal:Upload:MaxBytes, 25 MB by default) is checked against Content-Length before reading, and by " +
                             "counting for bodies of unknown length. Requests are rate-limited per client IP address. The message " +
                             "is analyzed in memory and never stored.")
            .Produces<AnalysisReport>(StatusCodes.Status200OK, "application/json")
            .AsUploadEndpoint()
            .ProducesProblem(StatusCodes.Status500InternalServerError)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>
    /// What both analyzer endpoints (one message, a mailbox) share: problem+json for a malformed, slow, oversized,
    /// unsupported or too frequent upload, and no antiforgery: programmatic clients authenticate with nothing a browser
    /// would send on its own (no cookies), so there is no cross-site request to guard against.
    /// </summary>
    public static RouteHandlerBuilder AsUploadEndpoint(this RouteHandlerBuilder endpoint) =>
        endpoint
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DisableAntiforgery();

    /// <summary>
    /// The 429 answer (with Retry-After when the limit says how long) for a client over its analysis count, or null when
    /// it may go on. Counted before the body is read, so that a client over its limit costs no upload.
    /// </summary>
    public static IResult? RefuseOverLimit(HttpContext context, AnalyzeClientLimit clientLimit, UploadProblems problems, Language language)
    {
        if (clientLimit.TryAcquire(AnalyzeClientLimit.ClientOf(context), out var wait))
            return null;
        return Problem(context, problems, language, UploadOutcome.Rejected(UploadRejection.RateLimited, wait));
    }

    private static IResult Problem(HttpContext context, UploadProblems problems, Language language, UploadOutcome rejected)
    {
        if (rejected.RetryAfterSeconds is { } seconds)
            context.Response.Headers.RetryAfter = AnalyzeClientLimit.RetryAfterHeader(seconds);
        return problems.For(rejected.Rejection!.Value, language, context.Request.Path, rejected.RetryAfterSeconds);
    }

    // lang is read by LanguageOf (with Accept-Language as the fallback); it is a parameter so the description names it.
    private static async Task<IResult> AnalyzeAsync(HttpContext context, RequestBodyReader reader, UploadedMessageAnalyzer analyzer,
        AnalyzeClientLimit clientLimit, ReportLocalizer localizer, UploadProblems problems, [FromQuery(Name = "lang")] string? lang = null)
    {
        var language = LanguageOf(context.Request);
        if (RefuseOverLimit(context, clientLimit, problems, language) is { } overLimit)
            return overLimit;

        var body = await reader.ReadAsync(context.Request, context.RequestAborted);
        if (body.Rejection is { } refused)
            return problems.For(refused, language, context.Request.Path);

        // The request's token stops the analysis when the client goes away; the budget's deadline stops it anyway.
        var outcome = await analyzer.AnalyzeAsync(body.Message, context.RequestAborted);
        if (outcome.Rejection is not null)
            return Problem(context, problems, language, outcome);

        var localized = localizer.Localize(outcome.Report!, language);
        return Results.Text(LocalizedReportJson.Serialize(localized), "application/json; charset=utf-8");
    }

    public static Language LanguageOf(HttpRequest request) =>
        Languages.Find(request.Query["lang"].ToString())
        ?? Languages.Negotiate(null, request.Headers.AcceptLanguage,
            request.HttpContext.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.DefaultLanguage);
}
