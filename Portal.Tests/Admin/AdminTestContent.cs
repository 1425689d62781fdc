namespace Portal.Tests.Admin;

/// <summary>A temporary content/ with one English article and its German translation, never the repository's.</summary>
public sealed class AdminTestContent : IDisposable
{
    public const string Slug = "test-encryption-basics";

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("portal-content-").FullName;

    public AdminTestContent()
    {
        Write("en", $"""
            ---
            title: Encryption basics
            summary: "What encryption means: a short overview."
            slug: {Slug}
            category: encryption
            order: 1
            updated: 2026-11-21
            tags: [encryption, basics]
            revision: 1
            ---

            ## Why encrypt

            Encryption protects a message on its way.
            """);
        Write("de", $"""
            ---
            title: Grundlagen der Verschlüsselung
            summary: Ein kurzer Überblick.
            slug: {Slug}
            category: encryption
            order: 1
            updated: 2026-11-21
            tags: [encryption, basics]
            source_revision: 1
            ---

            ## Warum verschlüsseln

            Verschlüsselung schützt eine Nachricht unterwegs.
            """);
    }

    public string PathOf(string language) => Path.Combine(Directory, language, Slug + ".md");

    public void Write(string language, string text)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, language));
        File.WriteAllText(PathOf(language), text.ReplaceLineEndings("\n") + "\n");
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}
