using System.Xml.Linq;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

public sealed class AdminTextTests
{
    private static HashSet<string> Keys(string file) =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "Portal", "Admin", file)).Root!.Elements("data")
            .Select(d => (string)d.Attribute("name")!).ToHashSet();

    [Theory]
    [InlineData("zh"), InlineData("ja"), InlineData("fr"), InlineData("de"), InlineData("es")]
    public void Every_admin_text_exists_in_each_translation(string language)
    {
        var english = Keys("AdminText.resx");
        var translated = Keys($"AdminText.{language}.resx");
        Assert.Empty(english.Except(translated));
        Assert.Empty(translated.Except(english));
    }
}
