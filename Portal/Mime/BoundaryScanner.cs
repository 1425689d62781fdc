using System.Runtime.CompilerServices;

namespace Portal.Mime;

/// <summary>
/// Finds multipart delimiter lines ("--boundary" or "--boundary--" alone on a line, trailing whitespace allowed,
/// RFC 2046 5.1.1). Candidates are found with a vectorized substring search, then checked for line position.
/// </summary>
internal static class BoundaryScanner
{
    /// <param name="LineStart">where "--boundary" begins</param>
    /// <param name="BreakStart">where the line break before it begins; that break belongs to the delimiter, not the part</param>
    /// <param name="Next">start of the line after the delimiter</param>
    public readonly record struct Delimiter(int LineStart, int BreakStart, int Next, bool IsClose);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryFindNext(ReadOnlySpan<byte> span, ReadOnlySpan<byte> dashBoundary, int regionStart, int from, int end, out Delimiter delimiter)
    {
        var position = from;
        while (position < end)
        {
            var found = span[position..end].IndexOf(dashBoundary);
            if (found < 0)
                break;
            var lineStart = position + found;
            position = lineStart + 1;
            if (lineStart != regionStart && span[lineStart - 1] != (byte)'\n')
                continue;

            var after = lineStart + dashBoundary.Length;
            var isClose = after + 1 < end && span[after] == (byte)'-' && span[after + 1] == (byte)'-';
            if (isClose)
                after += 2;
            while (after < end && span[after] is (byte)' ' or (byte)'\t')
                after++;
            int next;
            if (after == end)
                next = end;
            else if (span[after] == (byte)'\n')
                next = after + 1;
            else if (span[after] == (byte)'\r' && (after + 1 == end || span[after + 1] == (byte)'\n'))
                next = Math.Min(after + 2, end);
            else
                continue;

            var breakStart = lineStart;
            if (breakStart > regionStart && span[breakStart - 1] == (byte)'\n')
            {
                breakStart--;
                if (breakStart > regionStart && span[breakStart - 1] == (byte)'\r')
                    breakStart--;
            }
            delimiter = new Delimiter(lineStart, breakStart, next, isClose);
            return true;
        }
        delimiter = default;
        return false;
    }
}
