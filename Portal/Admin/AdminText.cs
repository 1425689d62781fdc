using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Articles;
using Portal.Localization;

namespace Portal.Admin;

/// <summary>Marker for the admin area's interface texts in AdminText.resx and its translations.</summary>
public sealed class AdminText;

/// <summary>
/// Admin texts in the admin's language. /admin has no language in its URL: the request middleware picks it
/// (culture cookie, then Accept-Language) and sets the culture, which interactive circuits keep as well.
/// </summary>
public sealed class AdminTexts(IStringLocalizer<AdminText> localizer)
{
    public Localized For(string languageCode) => new(localizer, Languages.Get(languageCode));

    public Localized ForRequest() => For(CultureInfo.CurrentUICulture.Name);
}
