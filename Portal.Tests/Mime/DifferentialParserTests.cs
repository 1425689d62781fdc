using Portal.Mime;
using Portal.Tests.Support;

namespace Portal.Tests.Mime;

/// <summary>
/// Differential testing: every corpus message parsed by our parser and by MimeKit, the two descriptions compared.
/// Known disagreements are listed with which parser is right and why (TestData/parser-disagreements.tsv);
/// a new disagreement, or a listed one that no longer occurs, fails.
/// </summary>
public sealed class DifferentialParserTests
{
    private static readonly string KnownFile = Path.Combine(AppContext.BaseDirectory, "TestData", "parser-disagreements.tsv");

    // MimeKit decides once, on first use, which charsets it can decode; the analyzer registers the code-page encodings
    // (ISO-2022-JP, Windows code pages…) when its parser starts. Register them first here too, so the comparison does
    // not depend on which test happened to run first.
    static DifferentialParserTests() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public sealed record Known(string File, string Aspect, string Right, string Why);

    public static IReadOnlyList<Known> LoadKnown() =>
        File.ReadAllLines(KnownFile)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(f => new Known(f[0], f[1], f[2], f[3]))
            .ToList();

    private static string Name(string path) =>
        path.StartsWith(Corpus.GeneratedDirectory, StringComparison.Ordinal)
            ? "generated/" + Path.GetRelativePath(Corpus.GeneratedDirectory, path).Replace('\\', '/')
            : "public/" + Path.GetRelativePath(Corpus.PublicDirectory!, path).Replace('\\', '/');

    public static List<(string File, string Aspect, string Ours, string Theirs)> Disagreements()
    {
        var found = new List<(string, string, string, string)>();
        foreach (var path in Corpus.AllMessages())
        {
            var data = File.ReadAllBytes(path);
            var ours = ParserComparison.Ours(data);
            var theirs = ParserComparison.MimeKit(data, MimeParser.Parse(data).Root.Offset);
            foreach (var (aspect, our, their) in ParserComparison.Differences(ours, theirs))
                found.Add((Name(path), aspect, our, their));
        }
        return found;
    }

    [Fact]
    public void Every_disagreement_with_MimeKit_over_both_corpora_is_known_and_explained()
    {
        Assert.True(Corpus.PublicDirectory is not null, Corpus.PublicMissing);
        var known = LoadKnown();
        Assert.All(known, k => Assert.False(string.IsNullOrWhiteSpace(k.Why), $"{k.File} {k.Aspect}: no explanation"));
        Assert.All(known, k => Assert.Contains(k.Right, new[] { "ours", "mimekit", "both", "neither" }));

        var found = Disagreements();

        var unexplained = found.Where(f => !known.Any(k => k.File == f.File && k.Aspect == f.Aspect))
            .Select(f => $"{f.File}\t{f.Aspect}\tours: {Shorten(f.Ours)}\tMimeKit: {Shorten(f.Theirs)}").ToList();
        var stale = known.Where(k => !found.Any(f => f.File == k.File && f.Aspect == k.Aspect)).Select(k => $"{k.File}\t{k.Aspect}").ToList();
        Assert.True(unexplained.Count == 0, "new disagreements with MimeKit:\n" + string.Join("\n", unexplained));
        Assert.True(stale.Count == 0, "listed disagreements that no longer occur (remove them):\n" + string.Join("\n", stale));
    }

    private static string Shorten(string value) => value.Length > 200 ? value[..200] + "…" : value;
}
