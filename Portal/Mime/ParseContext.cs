namespace Portal.Mime;

/// <summary>State shared by every entity of one parse: the input, the limits, the defects and the running counts.</summary>
internal sealed class ParseContext(ReadOnlyMemory<byte> data, MimeParserOptions options, DefectLog defects)
{
    private long _lineCountedUpTo;
    private int _linesBefore;

    public ReadOnlyMemory<byte> Data { get; } = data;
    public ReadOnlySpan<byte> Span => Data.Span;
    public MimeParserOptions Options { get; } = options;
    public DefectLog Defects { get; } = defects;
    public int PartCount { get; set; }
    public bool PartLimitReported { get; set; }

    /// <summary>
    /// The first legacy charset a Content-Type of this message declares: raw 8-bit header bytes that are not UTF-8 are
    /// read in it, as Thunderbird reads them in the message's charset (old Russian and Japanese mailers wrote headers
    /// in the body's charset without encoded words). Null until a part declares one.
    /// </summary>
    public HeaderCharset HeaderCharset { get; } = new();

    /// <summary>Boundaries of the multiparts currently being split, outermost first.</summary>
    public List<string> OpenBoundaries { get; } = [];

    public void Report(string code, string partPath, long offset, string? detail = null) =>
        Defects.Add(code, partPath, offset, detail);

    /// <summary>
    /// 1-based line number of a byte offset. Entities are parsed front to back, so counting forward from the last
    /// answer keeps the total work linear in the input size.
    /// </summary>
    public int LineNumberAt(int offset)
    {
        if (offset < _lineCountedUpTo)
        {
            _lineCountedUpTo = 0;
            _linesBefore = 0;
        }
        _linesBefore += Span[(int)_lineCountedUpTo..offset].Count((byte)'\n');
        _lineCountedUpTo = offset;
        return _linesBefore + 1;
    }
}
