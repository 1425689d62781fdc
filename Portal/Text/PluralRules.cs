using System.Globalization;

namespace Portal.Text;

/// <summary>The CLDR cardinal categories our six languages use.</summary>
public enum PluralCategory { One, Other }

/// <summary>
/// Picks the singular or plural wording of a count, in the one syntax that interface texts (UiText,
/// AdminText: <c>{0:plural:one|other}</c>) and finding texts (FindingTexts: <c>{count:plural:one|other}</c>)
/// share. Inside a branch, <c>#</c> stands for the number, so a text may write it outside
/// (<c>for {0} {0:plural:recipient|recipients}</c>) or inside, where the wording around it changes
/// (<c>{0:plural:the recorded hop does|the # recorded hops do}</c>). A branch cannot contain <c>|</c>,
/// <c>{</c> or <c>}</c>. Where both forms are the same (German "Empfänger"), a text just writes the word.
/// <para>
/// Rules are CLDR's cardinal rules: en, de, es say "one" for exactly 1; fr for 0 and 1 (and anything
/// below 2); zh and ja have no plural forms, so their texts simply do not use the syntax. A language we do
/// not know gets the English rule, because its texts fall back to the English resources. Malformed input
/// never throws: a single branch is used for every count, branches after the second are ignored, and an
/// argument that is not a number takes the "other" form.
/// </para>
/// </summary>
public static class PluralRules
{
    /// <summary>The keyword between the placeholder name and the branches: <c>{0:plural:…}</c>.</summary>
    public const string Keyword = "plural:";

    public static PluralCategory Category(CultureInfo culture, decimal n) => Category(LanguageOf(culture), n);

    public static PluralCategory Category(string language, decimal n)
    {
        var whole = decimal.Truncate(Math.Abs(n));
        var integral = whole == Math.Abs(n);
        return language switch
        {
            "zh" or "ja" => PluralCategory.Other,
            "fr" => whole is 0 or 1 ? PluralCategory.One : PluralCategory.Other,
            _ => integral && whole == 1 ? PluralCategory.One : PluralCategory.Other,
        };
    }

    /// <summary>
    /// Chooses from <paramref name="branches"/> ("one text|other text", without the keyword) the one that fits
    /// <paramref name="count"/>, which may be any number or the invariant text of one, and writes the count
    /// where the branch says <c>#</c>.
    /// </summary>
    public static string Select(CultureInfo culture, object? count, string branches)
    {
        var parts = branches.Split('|');
        var one = parts.Length > 1 && AsNumber(count) is { } n && Category(culture, n) == PluralCategory.One;
        var branch = one ? parts[0] : parts[Math.Min(1, parts.Length - 1)];
        return branch.Contains('#') ? branch.Replace("#", Display(count, culture)) : branch;
    }

    private static string Display(object? count, CultureInfo culture) =>
        count is IFormattable number ? number.ToString(null, culture) : count?.ToString() ?? "";

    /// <summary>The two-letter language of a culture; the invariant culture is English, like our neutral resources.</summary>
    public static string LanguageOf(CultureInfo culture)
    {
        var name = culture.Name;
        var dash = name.IndexOf('-');
        return (dash < 0 ? name : name[..dash]).ToLowerInvariant() is { Length: > 0 } language ? language : "en";
    }

    private static decimal? AsNumber(object? value) => value switch
    {
        null => null,
        string text => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
        IConvertible number when number.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal => Convert.ToDecimal(number, CultureInfo.InvariantCulture),
        _ => null,
    };
}
