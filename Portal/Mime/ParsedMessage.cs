namespace Portal.Mime;

/// <summary>The result of <see cref="MimeParser.Parse"/>: the entity tree over the input bytes, and what was wrong with them.</summary>
public sealed class ParsedMessage
{
    private readonly DefectLog _defects;

    internal ParsedMessage(MimeEntity root, DefectLog defects, string? mboxFromLine, long size, bool looksLikeEmail, ReadOnlyMemory<byte> data)
    {
        Root = root;
        _defects = defects;
        MboxFromLine = mboxFromLine;
        Size = size;
        LooksLikeEmail = looksLikeEmail;
        Data = data;
    }

    public MimeEntity Root { get; }

    /// <summary>The root entity's headers (the message headers).</summary>
    public HeaderList Headers => Root.Headers;

    /// <summary>
    /// Parse-time defects, plus those found later while decoding header values or bodies lazily
    /// (each such defect is added once, when first met). Each read returns a stable snapshot.
    /// </summary>
    public IReadOnlyList<MimeDefect> Defects => _defects.Snapshot();

    /// <summary>The mbox "From " separator line (without its line ending) when the input started with one.</summary>
    public string? MboxFromLine { get; }

    /// <summary>Length of the input in bytes (before any <see cref="MimeParserOptions.MaxMessageBytes"/> truncation).</summary>
    public long Size { get; }

    /// <summary>False when no plausible header block was found (junk, binary files, Outlook .msg); <see cref="Root"/> still exists.</summary>
    public bool LooksLikeEmail { get; }

    /// <summary>The parsed bytes (the input, cut at <see cref="MimeParserOptions.MaxMessageBytes"/>).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    public bool HasDefect(string code) => Defects.Any(d => d.Code == code);

    /// <summary>Every entity depth-first, root first, including the entities inside attached messages.</summary>
    public IEnumerable<MimeEntity> AllEntities()
    {
        var stack = new Stack<MimeEntity>();
        stack.Push(Root);
        while (stack.Count > 0)
        {
            var entity = stack.Pop();
            yield return entity;
            for (var i = entity.Children.Count - 1; i >= 0; i--)
                stack.Push(entity.Children[i]);
        }
    }
}
