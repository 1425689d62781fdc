using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OutputCaching;
using Portal.Articles;
using Portal.Components.Layout;
using Portal.Localization;

namespace Portal.Components;

/// <summary>
/// The help center's reading pages (home, category, article, search): statically rendered, and the first three
/// kept in the output cache until the articles change (<see cref="ArticleLibrary.InvalidateAsync"/> evicts
/// <see cref="ArticleLibrary.PageCacheTag"/>).
/// </summary>
public static partial class ReadingPages
{
    /// <summary>/{lang}, /{lang}/, /{lang}/articles/{slug}, /{lang}/categories/{category}: the same HTML for every reader.</summary>
    [GeneratedRegex("^/(en|zh|ja|fr|de|es)(/|/articles/[a-z0-9-]+|/categories/[a-z0-9-]+)?$")]
    private static partial Regex CacheablePath();

    [GeneratedRegex("^/(en|zh|ja|fr|de|es)(/|/articles/[^/]+|/categories/[^/]+|/search)?$|^/(not-found|error)$")]
    private static partial Regex ReadingPath();

    /// <summary>True for the reading pages and error pages, which use only the site's own stylesheet.</summary>
    public static bool IsReadingPage(PathString path) => ReadingPath().IsMatch(path.Value ?? "");

    public static bool IsCacheable(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.QueryString.HasValue
        && CacheablePath().IsMatch(request.Path.Value ?? "");

    /// <summary>
    /// Caches a reading page per URL, per theme choice and per accepted encoding. A response that sets a cookie
    /// (antiforgery, anything per-reader) or is not a 200 is never stored; the language cookie is written only when
    /// the response starts, after the cache has taken its copy of the headers (see RequestLanguageMiddleware).
    /// </summary>
    public sealed class CachePolicy : IOutputCachePolicy
    {
        public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

        ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var request = context.HttpContext.Request;
            var cacheable = IsCacheable(request);
            context.EnableOutputCaching = cacheable;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            if (cacheable)
            {
                context.CacheVaryByRules.VaryByValues["theme"] = ThemeChoice.Read(request) ?? "system";
                context.CacheVaryByRules.HeaderNames = "Accept-Encoding";
                context.Tags.Add(ArticleLibrary.PageCacheTag);
                context.ResponseExpirationTimeSpan = Lifetime;
            }
            return ValueTask.CompletedTask;
        }

        ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            // Called after the page was written. The language cookie seen here was added as the response started,
            // after the cache copied the headers; any other cookie (antiforgery, sign-in) would be in the copy.
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK
                || response.Headers.SetCookie.Any(cookie => cookie?.StartsWith(LanguageCookie.Name + "=", StringComparison.Ordinal) != true))
                context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// HEAD is answered like GET without a body: pages are mapped for GET only, so the request goes through the
    /// pipeline as a GET whose body is discarded (Kestrel sends none for HEAD anyway).
    /// </summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await next(context);
                return;
            }
            var body = context.Response.Body;
            context.Request.Method = HttpMethods.Get;
            context.Response.Body = Stream.Null;
            try
            {
                await next(context);
            }
            finally
            {
                context.Request.Method = HttpMethods.Head;
                context.Response.Body = body;
            }
        });
}
