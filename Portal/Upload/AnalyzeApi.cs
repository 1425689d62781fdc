using Microsoft.Extensions.Options;
using Portal.Articles;
using Portal.Hosting;

namespace Portal.Upload;

/// <summary>
/// <c>POST /api/analyze</c>: the raw message (or a multipart file) in, the engine's JSON report with
/// localized texts out (<c>?lang=</c>, else Accept-Language). Described in wwwroot/openapi.json.
/// </summary>
public static class AnalyzeApi
{
    public const string Route = "/api/analyze";

    public static IEndpointConventionBuilder MapAnalyzeApi(this IEndpointRouteBuilder app) =>
        app.MapPost(Route, AnalyzeAsync)
            .WithName("AnalyzeEmail")
            // Programmatic clients authenticate with nothing a browser would send on its own (no cookies), so there is no CSRF to guard against.
            .DisableAntiforgery()
            .RequireRateLimiting(UploadSetup.RateLimitPolicy);

    private static async Task<IResult> AnalyzeAsync(HttpContext context, RequestBodyReader reader, UploadedMessageAnalyzer analyzer,
        ReportLocalizer localizer, UploadProblems problems)
    {
        var language = LanguageOf(context.Request);
        var body = await reader.ReadAsync(context.Request, context.RequestAborted);
        if (body.Rejection is { } refused)
            return problems.For(refused, language, context.Request.Path);

        var outcome = analyzer.Analyze(body.Message);
        if (outcome.Rejection is { } rejected)
            return problems.For(rejected, language, context.Request.Path);

        var localized = localizer.Localize(outcome.Report!, language);
        return Results.Text(LocalizedReportJson.Serialize(localized), "application/json; charset=utf-8");
    }

    public static Language LanguageOf(HttpRequest request) =>
        Languages.Find(request.Query["lang"].ToString())
        ?? Languages.Negotiate(null, request.Headers.AcceptLanguage,
            request.HttpContext.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.DefaultLanguage);
}
