using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Portal.Admin;

public enum DiffKind { Same, Removed, Added }

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>A line diff of two revisions, computed by DiffPlex (Myers' algorithm) and reduced to what the history page shows.</summary>
public static class RevisionDiff
{
    public static IReadOnlyList<DiffLine> Compare(string before, string after) =>
        InlineDiffBuilder.Diff(Normalize(before), Normalize(after), ignoreWhiteSpace: false)
            .Lines
            .Select(line => new DiffLine(line.Type switch
            {
                ChangeType.Inserted => DiffKind.Added,
                ChangeType.Deleted => DiffKind.Removed,
                _ => DiffKind.Same,
            }, line.Text))
            .ToList();

    private static string Normalize(string text) => text.ReplaceLineEndings("\n");
}
