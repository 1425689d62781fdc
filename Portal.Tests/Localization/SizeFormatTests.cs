using System.Globalization;
using Portal.Upload;

namespace Portal.Tests.Localization;

/// <summary>Sizes read as each language writes them: "25 Mo" in French, a decimal comma in German.</summary>
public sealed class SizeFormatTests
{
    [Theory]
    [InlineData("en", 26_214_400, "25 MB")]
    [InlineData("fr", 26_214_400, "25\u00a0Mo")]
    [InlineData("fr", 1_536, "1,5\u00a0Ko")]
    [InlineData("fr", 300, "300\u00a0o")]
    [InlineData("de", 1_572_864, "1,5\u00a0MB")]
    [InlineData("ja", 26_214_400, "25 MB")]
    [InlineData("es", 2_048, "2\u00a0KB")]
    public void A_size_uses_the_languages_number_format_and_unit(string language, long bytes, string expected) =>
        Assert.Equal(expected, ReportFormat.Size(bytes, CultureInfo.GetCultureInfo(language)));
}
