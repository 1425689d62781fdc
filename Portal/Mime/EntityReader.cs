using System.Runtime.CompilerServices;
using System.Text;

namespace Portal.Mime;

/// <summary>
/// Builds the entity tree: reads an entity's header block, interprets its Content-* fields, then either splits a
/// multipart at its boundaries, parses an attached message, or leaves the body as a leaf slice.
/// Recursion is bounded by <see cref="MimeParserOptions.MaxDepth"/>.
/// </summary>
internal sealed class EntityReader(ParseContext context)
{
    private readonly MimeParserOptions _options = context.Options;

    public MimeEntity Read(int start, int end, MimeEntity? parent, string partPath, int depth, bool inDigest, out bool startedWithHeader)
    {
        context.PartCount++;
        var block = HeaderBlockReader.Read(context, start, end, partPath);
        startedWithHeader = block.StartedWithHeader;
        var headers = new HeaderList(block.Headers);
        var bodyStart = block.BodyStart;
        CheckHeaderBytes(start, bodyStart, partPath);

        var contentType = ReadContentType(headers, partPath, inDigest);
        context.HeaderCharset.Offer(contentType.Charset);
        var disposition = ReadDisposition(headers, partPath);
        var transferEncoding = TransferDecoding.Normalize(headers["Content-Transfer-Encoding"]?.RawText);
        if (!TransferDecoding.IsKnown(transferEncoding))
            context.Report(MimeDefectCodes.UnknownTransferEncoding, partPath, headers["Content-Transfer-Encoding"]!.Offset, transferEncoding);

        var data = context.Data;
        var entity = new MimeEntity(partPath, depth, parent, headers, contentType, disposition, transferEncoding,
            start, bodyStart, data[start..end], data[bodyStart..end], context.Defects);

        if (contentType.IsMultipart)
            ReadMultipart(entity, contentType, bodyStart, end, depth);
        else if (contentType.MediaType == "message" && contentType.MediaSubtype is "rfc822" or "global" or "news")
            ReadAttachedMessage(entity, transferEncoding, bodyStart, end, depth);
        else
            CheckBodyLines(bodyStart, end, partPath);
        return entity;
    }

    private void CheckHeaderBytes(int start, int bodyStart, string partPath)
    {
        var block = context.Span[start..bodyStart];
        var eightBit = block.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        if (eightBit >= 0)
            context.Report(MimeDefectCodes.Header8Bit, partPath, start + eightBit, "raw 8-bit bytes in the header block, read as UTF-8, else in the message's declared charset, else Latin-1");
    }

    private ContentType ReadContentType(HeaderList headers, string partPath, bool inDigest)
    {
        var header = headers["Content-Type"];
        if (header is null)
            return inDigest ? ContentType.DigestDefault : ContentType.Default;
        var parsed = ContentType.Parse(header.RawText, out var valid);
        if (!valid)
            context.Report(MimeDefectCodes.InvalidContentType, partPath, header.Offset, header.RawText.Length > 200 ? header.RawText[..200] : header.RawText);
        return parsed;
    }

    private ContentDisposition? ReadDisposition(HeaderList headers, string partPath)
    {
        var header = headers["Content-Disposition"];
        if (header is null)
            return null;
        var parsed = ContentDisposition.Parse(header.RawText, out var valid);
        if (!valid)
            context.Report(MimeDefectCodes.InvalidContentDisposition, partPath, header.Offset);
        return parsed;
    }

    private void ReadMultipart(MimeEntity entity, ContentType contentType, int bodyStart, int end, int depth)
    {
        var path = entity.PartPath;
        var boundary = contentType.Boundary;
        if (string.IsNullOrEmpty(boundary))
        {
            context.Report(MimeDefectCodes.MissingBoundaryParameter, path, entity.Offset);
            CheckBodyLines(bodyStart, end, path);
            return;
        }
        if (depth >= _options.MaxDepth)
        {
            context.Report(MimeDefectCodes.TooDeep, path, bodyStart, $"depth limit {_options.MaxDepth}; parts below are not parsed");
            return;
        }
        if (context.OpenBoundaries.Contains(boundary))
            context.Report(MimeDefectCodes.DuplicateBoundary, path, entity.Offset, boundary);

        var span = context.Span;
        var dashBoundary = Encoding.UTF8.GetBytes("--" + boundary);
        if (!BoundaryScanner.TryFindNext(span, dashBoundary, bodyStart, bodyStart, end, out var delimiter))
        {
            context.Report(MimeDefectCodes.NoBoundaryFound, path, bodyStart, boundary);
            CheckBodyLines(bodyStart, end, path);
            return;
        }

        entity.IsMultipart = true;
        entity.Preamble = context.Data[bodyStart..Math.Max(bodyStart, delimiter.BreakStart)];
        if (delimiter.IsClose)
        {
            // Only a closing delimiter: there are no parts, everything after it is epilogue.
            context.Report(MimeDefectCodes.NoBoundaryFound, path, delimiter.LineStart, "only a closing delimiter");
            entity.Epilogue = context.Data[delimiter.Next..end];
            return;
        }

        var digest = contentType.MediaSubtype == "digest";
        context.OpenBoundaries.Add(boundary);
        try
        {
            while (true)
            {
                var partStart = delimiter.Next;
                var found = BoundaryScanner.TryFindNext(span, dashBoundary, bodyStart, partStart, end, out var next);
                var partEnd = found ? Math.Max(partStart, next.BreakStart) : end;
                if (!found)
                    context.Report(MimeDefectCodes.MissingClosingBoundary, path, end, boundary);

                if (context.PartCount >= _options.MaxParts)
                {
                    if (!context.PartLimitReported)
                    {
                        context.Report(MimeDefectCodes.TooManyParts, path, partStart, $"more than {_options.MaxParts} parts; the rest are not parsed");
                        context.PartLimitReported = true;
                    }
                    return;
                }

                var childPath = ChildPath(path, entity.Children.Count + 1);
                entity.AddChild(Read(partStart, partEnd, entity, childPath, depth + 1, digest, out _));

                if (!found)
                    return;
                if (next.IsClose)
                {
                    entity.Epilogue = context.Data[next.Next..end];
                    return;
                }
                delimiter = next;
            }
        }
        finally
        {
            context.OpenBoundaries.RemoveAt(context.OpenBoundaries.Count - 1);
        }
    }

    private void ReadAttachedMessage(MimeEntity entity, string transferEncoding, int bodyStart, int end, int depth)
    {
        var path = entity.PartPath;
        if (transferEncoding is "base64" or "quoted-printable")
        {
            // RFC 2046 5.2.1 forbids encoding message/rfc822; decoding it here would break the "slices of the input" promise.
            context.Report(MimeDefectCodes.EncodedMessagePart, path, entity.Offset, transferEncoding);
            return;
        }
        if (depth >= _options.MaxDepth)
        {
            context.Report(MimeDefectCodes.TooDeep, path, bodyStart, $"depth limit {_options.MaxDepth}; the attached message is not parsed");
            return;
        }
        if (context.PartCount >= _options.MaxParts)
        {
            if (!context.PartLimitReported)
            {
                context.Report(MimeDefectCodes.TooManyParts, path, bodyStart, $"more than {_options.MaxParts} parts; the rest are not parsed");
                context.PartLimitReported = true;
            }
            return;
        }
        entity.IsMessage = true;
        entity.AddChild(Read(bodyStart, end, entity, ChildPath(path, 1), depth + 1, inDigest: false, out _));
    }

    /// <summary>
    /// Reports the first over-long line of a leaf body. Each step jumps to the last line break within reach of the
    /// limit, so a 25 MB body costs a few hundred vectorized searches, not one per line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckBodyLines(int start, int end, string partPath)
    {
        var limit = _options.MaxLineLength;
        if (end - start <= limit)
            return;
        var span = context.Span;
        var position = start;
        while (end - position > limit + 1)
        {
            // A line of up to `limit` bytes plus its CR LF ends within the window.
            var window = span.Slice(position, limit + 2);
            var lastBreak = window.LastIndexOf((byte)'\n');
            if (lastBreak < 0 || lastBreak == limit + 1 && window[limit] != (byte)'\r')
            {
                var lineEnd = span[position..end].IndexOf((byte)'\n');
                var length = lineEnd < 0 ? end - position : lineEnd;
                context.Report(MimeDefectCodes.LineTooLong, partPath, position, $"body line of {length} bytes");
                return;
            }
            position += lastBreak + 1;
        }
    }

    private static string ChildPath(string parentPath, int index) =>
        parentPath.Length == 0 ? index.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{parentPath}.{index}";
}
