namespace Portal.Mime;

/// <summary>
/// Entry point: bytes in, entity tree out. Never throws on mail content; everything odd becomes a <see cref="MimeDefect"/>.
/// The result keeps slices of <paramref name="data"/>, so the caller must not reuse that buffer while the result lives.
/// </summary>
public static class MimeParser
{
    // An OLE2 compound file: what Outlook saves as .msg.
    private static ReadOnlySpan<byte> OleSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private const int BinarySniffLength = 8 * 1024;

    public static ParsedMessage Parse(ReadOnlyMemory<byte> data, MimeParserOptions? options = null)
    {
        options ??= MimeParserOptions.Default;
        var defects = new DefectLog();
        var size = data.Length;

        if (data.Length > options.MaxMessageBytes)
        {
            var kept = (int)Math.Max(0, options.MaxMessageBytes);
            defects.Add(MimeDefectCodes.MessageTooLarge, "", kept, $"{size} bytes; only the first {kept} are parsed");
            data = data[..kept];
        }

        var context = new ParseContext(data, options, defects);
        if (data.IsEmpty)
        {
            defects.Add(MimeDefectCodes.EmptyInput, "", 0);
            defects.Add(MimeDefectCodes.NoHeaders, "", 0);
            return new ParsedMessage(HeaderlessRoot(context, 0, 0, ContentType.Default), defects, null, size, false, data);
        }

        var span = data.Span;
        if (span.StartsWith(OleSignature))
        {
            defects.Add(MimeDefectCodes.OutlookMsg, "", 0, "OLE2 compound file (Outlook .msg), not an RFC 5322 message");
            defects.Add(MimeDefectCodes.BinaryContent, "", 0);
            defects.Add(MimeDefectCodes.NoHeaders, "", 0);
            var msgType = new ContentType("application", "vnd.ms-outlook");
            return new ParsedMessage(HeaderlessRoot(context, 0, data.Length, msgType), defects, null, size, false, data);
        }

        // RFC 5322 lines end in CRLF. A file whose lines end in CR alone (classic Mac OS, some exporters) would otherwise
        // be one long header line: where its start has more bare CRs than LFs (an mbox adds LFs around such a message),
        // each bare CR becomes LF, so every offset stays what it was in the upload. A stray CR in an ordinary message
        // does not tip the count.
        if (BareCrLineEnds(span) is var firstBareCr and >= 0)
        {
            var lines = data.ToArray();
            for (var i = firstBareCr; i < lines.Length; i++)
                if (lines[i] == (byte)'\r' && (i + 1 == lines.Length || lines[i + 1] != (byte)'\n'))
                    lines[i] = (byte)'\n';
            data = lines;
            span = data.Span;
            context = new ParseContext(data, options, defects);
            defects.Add(MimeDefectCodes.BareCrLineEndings, "", firstBareCr, "lines end in CR alone; read with each CR as a line end");
        }

        // A byte order mark is not part of RFC 5322 but some tools write one; the headers start after it.
        var start = span.StartsWith("\uFEFF"u8) ? 3 : 0;
        string? mboxFromLine = null;
        var end = data.Length;
        if (span[start..].StartsWith("From "u8))
        {
            var (contentEnd, next) = HeaderBlockReader.LineAt(span, start, end);
            mboxFromLine = HeaderText.ToText(span[start..contentEnd]);
            start = next;
            end = FirstMboxMessageEnd(context, start, end);
        }

        var reader = new EntityReader(context);
        var root = reader.Read(start, end, parent: null, partPath: "", depth: 0, inDigest: false, out var startedWithHeader);

        var sniffEnd = Math.Min(end, Math.Max((int)root.BodyOffset, start + BinarySniffLength));
        var headerRegion = span[start..Math.Max(start, Math.Min(sniffEnd, (int)root.BodyOffset))];
        var hasNul = (root.Headers.Count > 0 ? headerRegion : span[start..sniffEnd]).IndexOf((byte)0);
        if (hasNul >= 0)
            defects.Add(MimeDefectCodes.BinaryContent, "", start + hasNul, "NUL byte");

        var looksLikeEmail = startedWithHeader && root.Headers.Count > 0 && hasNul < 0;
        if (!startedWithHeader && root.Headers.Count == 0)
            defects.Add(MimeDefectCodes.NoHeaders, "", start);
        return new ParsedMessage(root, defects, mboxFromLine, size, looksLikeEmail, data);
    }

    /// <summary>How much of the start decides whether lines end in CR alone.</summary>
    private const int LineEndSniffLength = 4096;

    /// <summary>
    /// The offset of the first CR not followed by LF when the first line ends in one and such CRs outnumber LFs at the
    /// start; else -1. An ordinary message answers after two short searches.
    /// </summary>
    private static int BareCrLineEnds(ReadOnlySpan<byte> span)
    {
        var start = span[..Math.Min(span.Length, LineEndSniffLength)];
        // An mbox "From " line ends in LF whatever the message's own line ends are.
        var offset = start.StartsWith("From "u8) && start.IndexOf((byte)'\n') is var fromEnd and >= 0 ? fromEnd + 1 : 0;
        var rest = start[offset..];
        var cr = rest.IndexOf((byte)'\r');
        if (cr < 0 || (cr + 1 < rest.Length && rest[cr + 1] == (byte)'\n'))
            return -1;
        if (rest.IndexOf((byte)'\n') is var lf and >= 0 && lf < cr)
            return -1;
        var bare = rest.Count((byte)'\r') - rest.Count("\r\n"u8);
        return bare > rest.Count((byte)'\n') ? offset + cr : -1;
    }

    private static MimeEntity HeaderlessRoot(ParseContext context, int start, int end, ContentType type) =>
        new("", 0, null, HeaderList.Empty, type, null, "7bit", start, start,
            context.Data[start..end], context.Data[start..end], context.Defects);

    /// <summary>An mbox file holds messages separated by a blank line and a "From " line; only the first is parsed.</summary>
    private static int FirstMboxMessageEnd(ParseContext context, int start, int end)
    {
        var span = context.Span;
        var position = start;
        while (position < end)
        {
            var found = span[position..end].IndexOf("\nFrom "u8);
            if (found < 0)
                break;
            var lineStart = position + found + 1;
            var before = lineStart - 1;
            var blankBefore = before > start && span[before - 1] == (byte)'\n'
                || before > start + 1 && span[before - 1] == (byte)'\r' && span[before - 2] == (byte)'\n';
            if (blankBefore)
            {
                context.Report(MimeDefectCodes.MboxAdditionalMessages, "", lineStart, "only the first message of the mbox is parsed");
                return lineStart;
            }
            position = lineStart;
        }
        return end;
    }
}
