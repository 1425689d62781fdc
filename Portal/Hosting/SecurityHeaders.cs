namespace Portal.Hosting;

/// <summary>
/// Headers that hold for every response. Nothing on the site needs another origin: articles are our own
/// markdown with raw HTML disabled, and an analyzed message's HTML is never rendered; the policy keeps it
/// that way should a bug ever let markup through. Blazor needs its own script and WebSocket ('self') and
/// inline styles for its reconnect dialog.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The interactive API page (Scalar, <c>/api/docs</c>) starts itself with an inline module script; it shows only
    /// our own OpenAPI document, never user content, so that one page may run inline script.
    /// </summary>
    public const string ApiDocsContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(Upload.AnalyzeApiDescription.DocsPath)
                ? ApiDocsContentSecurityPolicy
                : ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return next(context);
        });
}
