using Portal.Admin;

namespace Portal.Tests.Admin;

public sealed class RevisionDiffTests
{
    [Fact]
    public void A_changed_line_shows_as_removed_then_added_between_unchanged_lines()
    {
        var diff = RevisionDiff.Compare("a\nb\nc", "a\nB\nc");
        Assert.Equal([(DiffKind.Same, "a"), (DiffKind.Removed, "b"), (DiffKind.Added, "B"), (DiffKind.Same, "c")],
            diff.Select(l => (l.Kind, l.Text)));
    }

    [Fact]
    public void Moved_and_inserted_lines_keep_the_longest_common_subsequence()
    {
        var diff = RevisionDiff.Compare("x\na\nb\nc\ny", "a\nc\nb\nz");
        Assert.Equal(2, diff.Count(l => l.Kind == DiffKind.Same));
        Assert.Equal("x\na\nb\nc\ny", string.Join('\n', diff.Where(l => l.Kind != DiffKind.Added).Select(l => l.Text)));
        Assert.Equal("a\nc\nb\nz", string.Join('\n', diff.Where(l => l.Kind != DiffKind.Removed).Select(l => l.Text)));
    }

    [Fact]
    public void Markup_in_a_line_stays_text()
    {
        var diff = RevisionDiff.Compare("", "<script>alert(1)</script>");
        Assert.Equal(new DiffLine(DiffKind.Added, "<script>alert(1)</script>"), Assert.Single(diff));
    }
}
