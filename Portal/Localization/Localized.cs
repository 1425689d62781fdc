using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Articles;
using Portal.Text;

namespace Portal.Localization;

/// <summary>
/// Interface texts in one explicit language. Pages take their language from the URL, and interactive
/// components can switch it without a new request, so the language is passed rather than read from
/// the thread's culture (which a Blazor circuit fixes when it connects). Counts may choose their wording
/// with <c>{0:plural:one|other}</c>; see <see cref="PluralRules"/>.
/// </summary>
public sealed class Localized(IStringLocalizer localizer, Language language)
{
    public Language Language => language;

    public string this[string key] => InCulture(() => localizer[key].Value);

    public string this[string key, params object[] arguments] =>
        InCulture(() => string.Format(new PluralFormatProvider(language.Culture), localizer[key].Value, arguments));

    private string InCulture(Func<string> read)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = language.Culture;
        try { return read(); }
        finally { CultureInfo.CurrentUICulture = previous; }
    }
}

/// <summary>Hands out <see cref="Localized"/> texts for a language.</summary>
public sealed class TextProvider(IStringLocalizer<UiText> ui)
{
    public Localized For(string languageCode) => new(ui, Languages.Get(languageCode));
    public Localized For(Language language) => new(ui, language);
}
