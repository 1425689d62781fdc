using System.IO.Compression;
using Portal.Tests.Support;

namespace Portal.Tests.Batch;

/// <summary>
/// The mailboxes of <c>TestData/mailbox</c> (written by Python's mailbox module and formail, see its make.sh) and zips
/// made here with System.IO.Compression from the generated corpus.
/// </summary>
public static class MailboxSamples
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "mailbox");

    public static string GeneratedCorpusMbox => Path.Combine(Directory, "generated-corpus.mbox");
    public static string FormailMbox => Path.Combine(Directory, "formail.mbox");
    public static string QuotedFromMbox => Path.Combine(Directory, "quoted-from.mbox");
    public static string QuotedFromMessage => Path.Combine(Directory, "quoted-from.eml");

    /// <summary>The messages of <see cref="GeneratedCorpusMbox"/>, in its order (make.sh sorts them by path).</summary>
    public static IReadOnlyList<string> GeneratedCorpusFiles { get; } =
        System.IO.Directory.EnumerateFiles(Corpus.GeneratedDirectory, "*.eml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}"))
            .Select(f => Path.GetRelativePath(Corpus.GeneratedDirectory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .Select(Corpus.Generated)
            .ToList();

    public static byte[] Zip(params (string Name, byte[] Data, CompressionLevel Level)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data, level) in entries)
            {
                using var stream = archive.CreateEntry(name, level).Open();
                stream.Write(data);
            }
        }
        return buffer.ToArray();
    }

    public static (string, byte[], CompressionLevel) Eml(string generatedPath) =>
        (Path.GetFileName(generatedPath), File.ReadAllBytes(Corpus.Generated(generatedPath)), CompressionLevel.Optimal);
}
