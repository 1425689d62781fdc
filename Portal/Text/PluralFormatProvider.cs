using System.Globalization;

namespace Portal.Text;

/// <summary>
/// A format provider for <see cref="string.Format(IFormatProvider, string, object[])"/> that understands
/// <c>{0:plural:one|other}</c> (see <see cref="PluralRules"/>) and leaves every other item, <c>{0}</c> or
/// <c>{0:N0}</c>, to the culture's ordinary formatting.
/// </summary>
public sealed class PluralFormatProvider(CultureInfo culture) : IFormatProvider, ICustomFormatter
{
    public object? GetFormat(Type? formatType) =>
        formatType == typeof(ICustomFormatter) ? this : culture.GetFormat(formatType);

    public string Format(string? format, object? arg, IFormatProvider? formatProvider) =>
        format is not null && format.StartsWith(PluralRules.Keyword, StringComparison.Ordinal)
            ? PluralRules.Select(culture, arg, format[PluralRules.Keyword.Length..])
            : arg is IFormattable formattable ? formattable.ToString(format, culture) : arg?.ToString() ?? "";
}
