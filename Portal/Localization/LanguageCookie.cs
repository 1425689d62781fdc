using Microsoft.AspNetCore.Localization;
using Portal.Articles;

namespace Portal.Localization;

/// <summary>
/// The reader's remembered language: ASP.NET Core's standard culture cookie, read and written in one place.
/// The request middleware reads it for pages without a language in their URL, and interactive circuits inherit it.
/// </summary>
public static class LanguageCookie
{
    public static readonly string Name = CookieRequestCultureProvider.DefaultCookieName;

    /// <summary>The language code the cookie names, supported or not; null without a readable cookie.</summary>
    public static string? Read(HttpRequest request) =>
        request.Cookies[Name] is { } value ? CookieRequestCultureProvider.ParseCookieValue(value)?.UICultures.FirstOrDefault().Value : null;

    public static void Write(HttpContext context, Language language) =>
        context.Response.Cookies.Append(Name,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps });
}
