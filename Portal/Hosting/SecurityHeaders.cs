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

    public static void UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return next(context);
        });
}
