namespace Portal.Mime;

/// <summary>
/// Reads one header block (RFC 5322 2.2, with the obsolete syntax of 4.5: whitespace before the colon, empty values)
/// from a byte range, up to and including the blank line. Lines end in LF or CRLF, freely mixed.
/// </summary>
internal static class HeaderBlockReader
{
    public readonly record struct Result(List<Header> Headers, int BodyStart, bool StartedWithHeader);

    public static Result Read(ParseContext context, int start, int end, string partPath)
    {
        var span = context.Span;
        var options = context.Options;
        var headers = new List<Header>();
        var position = start;
        var startedWithHeader = false;
        var longLineReported = false;
        var tooManyReported = false;
        var leadingNoise = false;
        var lineNumber = 0;

        string? name = null;
        var headerStart = 0;
        var valueStart = 0;
        var valueEnd = 0;

        while (position < end)
        {
            var (contentEnd, next) = LineAt(span, position, end);
            if (!longLineReported && contentEnd - position > options.MaxLineLength)
            {
                context.Report(MimeDefectCodes.LineTooLong, partPath, position, $"header line of {contentEnd - position} bytes");
                longLineReported = true;
            }

            if (contentEnd == position)
            {
                Complete();
                return Finish(next);
            }

            var first = span[position];
            if (first is (byte)' ' or (byte)'\t')
            {
                // Continuation line; a whitespace-only one too (RFC 5322 obs-FWS), which is how folded values with an empty line look.
                if (name is not null)
                    valueEnd = contentEnd;
                else
                {
                    context.Report(MimeDefectCodes.InvalidHeaderLine, partPath, position, "continuation line without a header");
                    if (headers.Count == 0)
                        leadingNoise = true;
                }
                position = next;
                continue;
            }

            var colon = NameLength(span[position..contentEnd]);
            if (colon > 0)
            {
                Complete();
                if (headers.Count == 0 && (position == start || leadingNoise))
                    startedWithHeader = true;
                var nameEnd = position + colon;
                while (span[nameEnd - 1] is (byte)' ' or (byte)'\t')
                    nameEnd--;
                name = System.Text.Encoding.ASCII.GetString(span[position..nameEnd]);
                headerStart = position;
                valueStart = position + colon + 1;
                valueEnd = contentEnd;
                position = next;
                continue;
            }

            // Not a header line. At the very start there is no header block at all; later it is either noise
            // inside the block (when a header follows) or the body starting without its blank separator line.
            if (headers.Count == 0 && name is null)
                return new Result(headers, position, false);
            if (next < end && LooksLikeHeaderOrContinuation(span, next, end))
            {
                context.Report(MimeDefectCodes.InvalidHeaderLine, partPath, position);
                position = next;
                continue;
            }
            Complete();
            context.Report(MimeDefectCodes.MissingHeaderBodySeparator, partPath, position);
            return new Result(headers, position, startedWithHeader);
        }

        Complete();
        return Finish(end);

        Result Finish(int bodyStart) => new(headers, bodyStart, startedWithHeader);

        void Complete()
        {
            if (name is null)
                return;
            if (headers.Count >= options.MaxHeaders)
            {
                if (!tooManyReported)
                {
                    context.Report(MimeDefectCodes.TooManyHeaders, partPath, headerStart, $"more than {options.MaxHeaders} header fields; the rest are ignored");
                    tooManyReported = true;
                }
            }
            else
            {
                lineNumber = context.LineNumberAt(headerStart);
                var raw = context.Data[valueStart..Math.Max(valueStart, valueEnd)];
                headers.Add(new Header(name, raw, headerStart, lineNumber, context.Defects, partPath, context.HeaderCharset));
            }
            name = null;
        }
    }

    /// <summary>The end of the line's content (before CR LF or LF) and the start of the next line.</summary>
    public static (int ContentEnd, int Next) LineAt(ReadOnlySpan<byte> span, int position, int end)
    {
        var newline = span[position..end].IndexOf((byte)'\n');
        if (newline < 0)
            return (end, end);
        var lf = position + newline;
        var contentEnd = lf > position && span[lf - 1] == (byte)'\r' ? lf - 1 : lf;
        return (contentEnd, lf + 1);
    }

    /// <summary>Length of a valid field name up to its colon (whitespace before the colon allowed), or 0.</summary>
    private static int NameLength(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
            return 0;
        var nameEnd = colon;
        while (nameEnd > 0 && line[nameEnd - 1] is (byte)' ' or (byte)'\t')
            nameEnd--;
        if (nameEnd == 0)
            return 0;
        foreach (var b in line[..nameEnd])
            if (b is <= 32 or >= 127)
                return 0;
        return colon;
    }

    private static bool LooksLikeHeaderOrContinuation(ReadOnlySpan<byte> span, int position, int end)
    {
        var (contentEnd, _) = LineAt(span, position, end);
        if (contentEnd == position)
            return true;
        return span[position] is (byte)' ' or (byte)'\t' || NameLength(span[position..contentEnd]) > 0;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;
}
