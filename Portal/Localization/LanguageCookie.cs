using Microsoft.AspNetCore.Localization;
using Portal.Articles;

namespace Portal.Localization;

/// <summary>
/// The remembered language: the standard culture cookie, which the request middleware reads for pages without a
/// language in their URL and which interactive circuits inherit.
/// </summary>
public static class LanguageCookie
{
    public static readonly string Name = CookieRequestCultureProvider.DefaultCookieName;

    public static void Append(HttpContext context, Language language) =>
        context.Response.Cookies.Append(Name,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps });
}
