using Microsoft.Extensions.Options;
using Portal.Articles;
using Portal.Hosting;

namespace Portal.Admin;

/// <summary>
/// The admin area's own language cookie. It is separate from the readers' culture cookie: reading a Spanish
/// article must not turn the admin Spanish. Path "/" so that the circuit's /_blazor requests carry it too.
/// </summary>
public static class AdminLanguageCookie
{
    public const string Name = "portal.admin-language";

    public static Language? Read(HttpRequest request) => Languages.Find(request.Cookies[Name]);

    public static void Write(HttpContext context, Language language) =>
        context.Response.Cookies.Append(Name, language.Code,
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, Path = "/" });

    /// <summary>The admin's choice, else the browser's Accept-Language, else the site's default; never the readers' cookie.</summary>
    public static Language For(HttpRequest request, string defaultLanguage) =>
        Read(request) ?? Languages.Negotiate(null, request.Headers.AcceptLanguage, defaultLanguage);
}

/// <summary>
/// The admin's language for one request or one circuit. A circuit's thread culture follows the readers' cookie of
/// its /_blazor request, so admin pages ask this instead; the circuit's connection request carries the admin cookie.
/// </summary>
public sealed class AdminLanguage(IHttpContextAccessor accessor, IOptions<PortalOptions> options)
{
    private Language? current;

    public Language Current => current ??= accessor.HttpContext is { } context
        ? AdminLanguageCookie.For(context.Request, options.Value.DefaultLanguage)
        : Languages.Get(options.Value.DefaultLanguage);
}
