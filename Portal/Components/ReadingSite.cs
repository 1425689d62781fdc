using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Portal.Articles;
using Portal.Components.Layout;

namespace Portal.Components;

/// <summary>What the MudBlazor interface needs around the pages: its services, the theme, caching and compression of reading pages.</summary>
public static class ReadingSite
{
    public static IServiceCollection AddReadingSite(this IServiceCollection services)
    {
        services.AddMudServices();
        services.AddHttpContextAccessor();
        services.Replace(ServiceDescriptor.Scoped<AntiforgeryStateProvider, ReadingPageAntiforgery>());
        services.AddSingleton<ThemeStylesheet>();
        services.AddSingleton<ReadingStylesheet>();
        services.AddOutputCache(options => options.AddBasePolicy(new ReadingPages.CachePolicy()));
        // HTML, JSON and the API go out with Brotli or gzip where the client accepts it (static assets are precompressed
        // at build time); see UseReadingSite for what is left out.
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "image/svg+xml"]);
        });
        // Cached pages are compressed once per encoding, so the better ratio costs nothing per request.
        services.Configure<BrotliCompressionProviderOptions>(brotli => brotli.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = System.IO.Compression.CompressionLevel.Optimal);
        return services;
    }

    public static void UseReadingSite(this IApplicationBuilder app)
    {
        // The cache sits outside compression, so it keeps each page compressed once per encoding (it varies by
        // Accept-Encoding). Admin pages carry secrets (antiforgery tokens) and are left uncompressed (BREACH).
        app.UseOutputCache();
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/admin"), branch => branch.UseResponseCompression());
    }

    public static void MapReadingSite(this IEndpointRouteBuilder app)
    {
        app.MapFeedbackEndpoints();

        app.MapGet(ThemeStylesheet.Path, async (HttpContext context, ThemeStylesheet sheet) =>
        {
            context.Response.Headers.CacheControl = context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache";
            return Results.Text(await sheet.CssAsync(), "text/css; charset=utf-8");
        });
        app.MapGet(ReadingStylesheet.Path, async (HttpContext context, ReadingStylesheet sheet) =>
        {
            context.Response.Headers.CacheControl = context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache";
            return Results.Text(await sheet.CssAsync(), "text/css; charset=utf-8");
        });

        // A preference, not an account action: a forged post could only flip someone's colours, so no antiforgery
        // token is needed, which keeps the form on cached pages the same for everyone.
        app.MapPost(ThemeChoice.Path, async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var mode = form["mode"].ToString();
            if (mode is not (ThemeChoice.Light or ThemeChoice.Dark))
                return Results.BadRequest();
            context.Response.Cookies.Append(ThemeChoice.CookieName, mode, new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps,
            });
            return Results.Redirect(ThemeChoice.LocalReturnUrl(form["return"]));
        }).DisableAntiforgery();
    }
}
