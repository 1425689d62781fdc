namespace Portal.Analysis.Dkim;

/// <summary>
/// The length of a body after DKIM canonicalization (RFC 6376 3.4.3, 3.4.4), to say how much of it lies beyond a
/// signature's l= and is therefore covered by nothing. MimeKit hashes the canonical body but does not expose its length.
/// </summary>
public static class DkimBodyCanonicalizer
{
    public static long Length(ReadOnlySpan<byte> body, bool relaxed)
    {
        long length = 0, pendingEmptyLines = 0;
        while (body.Length > 0)
        {
            var newline = body.IndexOf((byte)'\n');
            var line = newline < 0 ? body : body[..newline];
            body = newline < 0 ? [] : body[(newline + 1)..];
            if (line.Length > 0 && line[^1] == '\r')
                line = line[..^1];
            var lineLength = relaxed ? RelaxedLength(line) : line.Length;
            // Empty lines count only when something follows them: trailing ones are dropped by both canonicalizations.
            if (lineLength == 0)
            {
                pendingEmptyLines++;
                continue;
            }
            length += pendingEmptyLines * 2 + lineLength + 2;
            pendingEmptyLines = 0;
        }
        // Simple canonicalization turns an empty body into a single CRLF; relaxed leaves it empty.
        return length == 0 && !relaxed ? 2 : length;
    }

    // Runs of spaces and tabs become one space, and whitespace at the end of the line goes.
    private static int RelaxedLength(ReadOnlySpan<byte> line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] is (byte)' ' or (byte)'\t')
            end--;
        var length = 0;
        var inSpace = false;
        for (var i = 0; i < end; i++)
        {
            var space = line[i] is (byte)' ' or (byte)'\t';
            if (!space || !inSpace)
                length++;
            inSpace = space;
        }
        return length;
    }
}
