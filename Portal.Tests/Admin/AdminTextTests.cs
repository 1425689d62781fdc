using System.Text.RegularExpressions;
using System.Xml.Linq;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

public sealed partial class AdminTextTests
{
    private static HashSet<string> Keys(string file) => Texts(file).Keys.ToHashSet();

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "Portal", "Admin", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Theory]
    [InlineData("zh"), InlineData("ja"), InlineData("fr"), InlineData("de"), InlineData("es")]
    public void Every_admin_text_exists_in_each_translation(string language)
    {
        var english = Keys("AdminText.resx");
        var translated = Keys($"AdminText.{language}.resx");
        Assert.Empty(english.Except(translated));
        Assert.Empty(translated.Except(english));
    }

    [Theory]
    [InlineData("zh"), InlineData("ja"), InlineData("fr"), InlineData("de"), InlineData("es")]
    public void Every_admin_translation_uses_the_english_format_items_and_two_branch_plurals(string language)
    {
        var english = Texts("AdminText.resx");
        var wrong = Texts($"AdminText.{language}.resx")
            .Where(t => english.TryGetValue(t.Key, out var original) && (!Items(original).SequenceEqual(Items(t.Value)) || !PluralsWellFormed(t.Value)))
            .Select(t => t.Key);
        Assert.Empty(wrong);
        Assert.Empty(english.Where(t => !PluralsWellFormed(t.Value)).Select(t => t.Key));
    }

    [Fact]
    public void Every_audited_action_and_detail_code_has_a_name_in_the_admin_texts()
    {
        var english = Keys("AdminText.resx");
        var actions = typeof(Portal.Admin.AuditActions).GetFields().Select(f => $"Admin.Audit.Action.{f.GetRawConstantValue()}");
        var details = Portal.Admin.AuditDetails.Codes.Select(code => $"Admin.Audit.Detail.{code}");
        var missing = actions.Concat(details).Except(english).ToList();
        Assert.True(missing.Count == 0, "no admin text for " + string.Join(", ", missing));
    }

    private static IEnumerable<string> Items(string text) =>
        FormatItem().Matches(text).Select(m => m.Groups["index"].Value).Distinct().Order(StringComparer.Ordinal);

    private static bool PluralsWellFormed(string text) =>
        FormatItem().Matches(text).Where(m => m.Groups["plural"].Success).All(m => m.Groups["plural"].Value.Split('|').Length == 2);

    [GeneratedRegex(@"\{(?<index>\d+)(?::plural:(?<plural>[^{}]*)|[,:][^{}]*)?\}")]
    private static partial Regex FormatItem();
}
