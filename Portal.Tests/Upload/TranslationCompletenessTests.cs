using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Portal.Analysis;
using Portal.Analysis.Report;
using Portal.Articles;
using Portal.Localization;
using Portal.Mime;
using Portal.Tests.Support;
using Portal.Upload;

namespace Portal.Tests.Upload;

/// <summary>
/// Everything the analyzer page says exists in all six languages. Resource sets are read without
/// parent fallback, so a missing translation fails here instead of quietly showing English.
/// Placeholders are compared by name or index only: a translation may choose its own plural wording
/// (<c>{0:plural:one|other}</c>) or none, but every plural item must have exactly two branches.
/// </summary>
public sealed partial class TranslationCompletenessTests
{
    private static readonly ResourceManager FindingResources = new(typeof(FindingTexts));
    private static readonly ResourceManager UiResources = new("Portal.Localization.UiText", typeof(UiText).Assembly);

    public static IEnumerable<object[]> AllLanguages => Languages.All.Select(l => new object[] { l.Code });

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public void Every_finding_code_the_engine_can_raise_has_title_explanation_and_actions(string language)
    {
        var texts = Set(FindingResources, language);
        var english = Set(FindingResources, Languages.English);
        var missing = new List<string>();
        foreach (var code in FindingCodes.All)
        {
            foreach (var part in new[] { "title", "explanation", "actions" })
            {
                var key = $"{code.Code}.{part}";
                var text = texts.GetString(key);
                // Actions may be empty where the English has none; title and explanation never are.
                var mayBeEmpty = part == "actions" && english.GetString(key) == "";
                if (text is null || (!mayBeEmpty && string.IsNullOrWhiteSpace(text)))
                    missing.Add(key);
                else if (!SamePlaceholders(english.GetString(key) ?? "", text))
                    missing.Add($"{key} (placeholders differ from English)");
                else if (!PluralsWellFormed(text))
                    missing.Add($"{key} (a plural needs exactly two branches, one|other)");
            }
        }
        Assert.True(missing.Count == 0, $"{language}: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public void Every_evidence_note_the_engine_can_explain_has_a_text(string language)
    {
        var texts = Set(FindingResources, language);
        var english = Set(FindingResources, Languages.English);
        var missing = new List<string>();
        foreach (var note in EvidenceNotes.All)
        {
            var key = $"note.{note.Key}";
            var text = texts.GetString(key);
            if (string.IsNullOrWhiteSpace(text))
                missing.Add(key);
            else if (!SamePlaceholders(english.GetString(key) ?? "", text))
                missing.Add($"{key} (placeholders differ from English)");
            else if (Names(Named(), text).Except(note.Arguments).Any())
                missing.Add($"{key} (uses an argument the note does not declare)");
            else if (!PluralsWellFormed(text))
                missing.Add($"{key} (a plural needs exactly two branches, one|other)");
        }
        Assert.True(missing.Count == 0, $"{language}: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public void Every_interface_text_exists_in_each_translation(string language)
    {
        var english = Set(UiResources, Languages.English);
        var texts = Set(UiResources, language);
        var missing = Keys(english)
            .Where(key => string.IsNullOrWhiteSpace(texts.GetString(key))
                || !SameFormatItems(english.GetString(key)!, texts.GetString(key)!)
                || !PluralsWellFormed(texts.GetString(key)!))
            .ToList();
        Assert.True(missing.Count == 0, $"{language}: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_finding_code_links_to_a_help_center_article_that_exists()
    {
        foreach (var code in FindingCodes.All)
        {
            Assert.True(FindingArticles.ByCode.TryGetValue(code.Code, out var link), $"{code.Code} has no article");
            var slug = link.Slug;
            Assert.True(File.Exists(Path.Combine(RepositoryPaths.Content, "en", slug + ".md")), $"{code.Code} → {slug}.md is missing");
        }
    }

    [Fact]
    public void Every_parser_defect_code_belongs_to_a_described_family()
    {
        var codes = typeof(MimeDefectCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetValue(null)!).ToList();
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.NotEqual(DefectFamilies.Other, DefectFamilies.Of(code)));
        var english = Set(UiResources, Languages.English);
        Assert.All(DefectFamilies.All, family => Assert.False(string.IsNullOrWhiteSpace(english.GetString($"Defect.{family}"))));
    }

    private static ResourceSet Set(ResourceManager resources, string language) =>
        resources.GetResourceSet(language == Languages.English ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: false)
        ?? throw new Xunit.Sdk.XunitException($"no resources for {language}");

    private static IEnumerable<string> Keys(ResourceSet set) =>
        set.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Order(StringComparer.Ordinal);

    private static bool SamePlaceholders(string english, string translation) =>
        Names(Named(), english).SequenceEqual(Names(Named(), translation));

    private static bool SameFormatItems(string english, string translation) =>
        Names(Numbered(), english).SequenceEqual(Names(Numbered(), translation));

    private static IEnumerable<string> Names(Regex placeholders, string text) =>
        placeholders.Matches(text).Select(m => m.Groups["name"].Value).Distinct().Order(StringComparer.Ordinal);

    private static bool PluralsWellFormed(string text) =>
        Plural().Matches(text).All(m => m.Groups["branches"].Value.Split('|').Length == 2);

    [GeneratedRegex(@"\{(?<name>[A-Za-z][A-Za-z0-9]*)(?::[^{}]*)?\}")]
    private static partial Regex Named();

    [GeneratedRegex(@"\{(?<name>\d+)(?:[,:][^{}]*)?\}")]
    private static partial Regex Numbered();

    [GeneratedRegex(@"\{(?:\d+|[A-Za-z][A-Za-z0-9]*):plural:(?<branches>[^{}]*)\}")]
    private static partial Regex Plural();
}
