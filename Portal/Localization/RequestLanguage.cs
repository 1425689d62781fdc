using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Portal.Articles;
using Portal.Hosting;

namespace Portal.Localization;

/// <summary>The language of the current request, for the layout, the page title and <c>&lt;html lang&gt;</c>.</summary>
public sealed class RequestLanguage
{
    public Language Current { get; set; } = Languages.Get(Languages.English);

    /// <summary>False when the URL's first segment looks like a language code we do not have (e.g. /xx/…).</summary>
    public bool FromUrl { get; set; }
}

/// <summary>
/// Takes the language from the URL (<c>/{lang}/…</c>), or for pages without one (errors, admin) from the
/// original URL, the culture cookie or Accept-Language. A page visited in a language becomes the
/// remembered choice: the standard culture cookie is updated, which also gives interactive circuits
/// (opened by a later request to /_blazor) the same culture.
/// </summary>
public sealed class RequestLanguageMiddleware(RequestDelegate next, IOptions<PortalOptions> options)
{
    public Task InvokeAsync(HttpContext context, RequestLanguage requestLanguage)
    {
        // A re-executed error page (/not-found) speaks the language of the URL that failed.
        var originalPath = context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? context.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        var fromPath = FirstSegment(originalPath ?? context.Request.Path);
        var cookie = LanguageCookie.Read(context.Request);
        // The admin area keeps its own language (its own cookie); the readers' cookie never decides it.
        var language = Languages.Find(fromPath)
            ?? (IsAdmin(originalPath ?? context.Request.Path) ? Admin.AdminLanguageCookie.For(context.Request, options.Value.DefaultLanguage) : null)
            ?? Languages.Negotiate(cookie, context.Request.Headers.AcceptLanguage, options.Value.DefaultLanguage);

        requestLanguage.Current = language;
        requestLanguage.FromUrl = Languages.IsSupported(fromPath);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = language.Culture;

        // Written as the response starts, after the output cache has copied the headers of a page it stores:
        // a cached page then never carries a Set-Cookie, and every reader still gets their own.
        if (requestLanguage.FromUrl && HttpMethods.IsGet(context.Request.Method) && cookie != language.Code)
            context.Response.OnStarting(() =>
            {
                LanguageCookie.Write(context, language);
                return Task.CompletedTask;
            });
        return next(context);
    }

    private static bool IsAdmin(string? path) =>
        path is not null && (path == "/admin" || path.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase));

    private static string? FirstSegment(string? path)
    {
        if (string.IsNullOrEmpty(path))
            return null;
        var trimmed = path.TrimStart('/');
        var slash = trimmed.IndexOf('/');
        return slash < 0 ? trimmed : trimmed[..slash];
    }
}
