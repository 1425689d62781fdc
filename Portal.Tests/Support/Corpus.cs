namespace Portal.Tests.Support;

/// <summary>
/// The test emails. <c>generated/</c> (made here with openssl and gpg on test keys) is copied into
/// Portal.Tests/TestData; <c>public/</c> keeps its original licenses and is read from ../shared/corpus,
/// which CI always has beside the checkout.
/// </summary>
public static class Corpus
{
    public static string GeneratedDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "generated");

    /// <summary>../shared/corpus/public, or null when this checkout has no shared/ beside it.</summary>
    public static string? PublicDirectory { get; } = FindPublic();

    public const string PublicMissing =
        "../shared/corpus/public is not beside this checkout; the tests over the public corpus need it (CI always has it).";

    public static string Generated(string relativePath) => Path.Combine(GeneratedDirectory, relativePath);

    public static IEnumerable<string> GeneratedMessages() =>
        Directory.EnumerateFiles(GeneratedDirectory, "*.eml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}"))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> PublicMessages() =>
        PublicDirectory is null
            ? []
            : Directory.EnumerateFiles(PublicDirectory, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".eml", StringComparison.Ordinal) || f.EndsWith(".mbox", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal);

    /// <summary>Every message of both corpora, generated first.</summary>
    public static IEnumerable<string> AllMessages() => GeneratedMessages().Concat(PublicMessages());

    private static string? FindPublic()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", "public");
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
