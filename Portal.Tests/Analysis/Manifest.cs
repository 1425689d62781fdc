using System.Text.RegularExpressions;
using Portal.Tests.Support;

namespace Portal.Tests.Analysis;

/// <summary>One row of generated/MANIFEST.tsv: the file and its "observed:" facts, re-derived by openssl and gpg.</summary>
public sealed record ManifestRow(string File, string Kind, string Observed)
{
    public string Path => Corpus.Generated(File);

    /// <summary>Values of "name=value" facts, in order (recipient1=..., pkesk2=...).</summary>
    public string? Fact(string name)
    {
        var match = Regex.Match(Observed, @"(?:^|;\s*)" + Regex.Escape(name) + @"=([^;]*)");
        return match.Success ? match.Groups[1].Value.Trim() : null;
    }

    public static IReadOnlyList<ManifestRow> All { get; } = Load();

    public static IEnumerable<object[]> Where(Func<ManifestRow, bool> predicate) =>
        All.Where(predicate).Select(r => new object[] { r.File });

    public static ManifestRow Get(string file) => All.Single(r => r.File == file);

    private static List<ManifestRow> Load() =>
        System.IO.File.ReadAllLines(Corpus.Generated("MANIFEST.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(cells => cells.Length >= 3)
            .Select(cells => new ManifestRow(cells[0], cells[1], cells[2].Split("observed:", 2) is [_, var observed] ? observed.Trim() : ""))
            .ToList();
}
