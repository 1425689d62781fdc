namespace Portal.Admin;

public enum DiffKind { Same, Removed, Added }

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>
/// A line-based diff from the longest common subsequence. Articles are short, so the quadratic table is
/// fine; the common head and tail are stripped first, which keeps the usual small edit cheap.
/// </summary>
public static class LineDiff
{
    public static IReadOnlyList<DiffLine> Compare(string before, string after)
    {
        var a = Lines(before);
        var b = Lines(after);
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
            head++;
        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[^(tail + 1)] == b[^(tail + 1)])
            tail++;

        var result = new List<DiffLine>(a.Length + b.Length);
        result.AddRange(a[..head].Select(l => new DiffLine(DiffKind.Same, l)));
        result.AddRange(Middle(a[head..^tail], b[head..^tail]));
        result.AddRange(a[^tail..].Select(l => new DiffLine(DiffKind.Same, l)));
        return result;
    }

    private static IEnumerable<DiffLine> Middle(string[] a, string[] b)
    {
        // lcs[i, j] = length of the longest common subsequence of a[i..] and b[j..]
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y]) { yield return new DiffLine(DiffKind.Same, a[x]); x++; y++; }
            else if (lcs[x + 1, y] >= lcs[x, y + 1]) yield return new DiffLine(DiffKind.Removed, a[x++]);
            else yield return new DiffLine(DiffKind.Added, b[y++]);
        }
        while (x < a.Length) yield return new DiffLine(DiffKind.Removed, a[x++]);
        while (y < b.Length) yield return new DiffLine(DiffKind.Added, b[y++]);
    }

    private static string[] Lines(string text) =>
        text.Length == 0 ? [] : text.Replace("\r\n", "\n").Split('\n');
}
