using Portal.Tests.Support;

namespace Portal.Tests.Mime;

/// <summary>The structural facts SOURCES.tsv records for each public corpus file (from Python's email package).</summary>
internal static class CorpusSources
{
    /// <summary>file (relative to public/) → the value of its <c>top=</c> tag, for the rows that have one.</summary>
    public static IReadOnlyDictionary<string, string> TopTypes { get; } = LoadTopTypes();

    private static Dictionary<string, string> LoadTopTypes()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Corpus.PublicDirectory is null)
            return result;
        foreach (var line in File.ReadLines(Path.Combine(Corpus.PublicDirectory, "SOURCES.tsv")).Skip(1))
        {
            var columns = line.Split('\t');
            if (columns.Length < 6)
                continue;
            var auto = columns[5].IndexOf("auto:", StringComparison.Ordinal);
            if (auto < 0)
                continue;
            foreach (var tag in columns[5][(auto + 5)..].Split(','))
            {
                var trimmed = tag.Trim();
                if (trimmed.StartsWith("top=", StringComparison.Ordinal))
                    result[columns[0]] = trimmed[4..];
            }
        }
        return result;
    }
}
