namespace Portal.Mime;

/// <summary>
/// One header field as it appeared. The raw bytes are a slice of the input; the text forms are built on first use
/// because most headers of most messages are never read.
/// </summary>
public sealed class Header
{
    private readonly DefectLog? _defects;
    private readonly string _partPath;
    private readonly HeaderCharset? _legacyCharset;
    private string? _rawText;
    private string? _value;

    internal Header(string name, ReadOnlyMemory<byte> rawValue, long offset, int lineNumber, DefectLog? defects, string partPath,
        HeaderCharset? legacyCharset = null)
    {
        _legacyCharset = legacyCharset;
        Name = name;
        RawValue = rawValue;
        Offset = offset;
        LineNumber = lineNumber;
        _defects = defects;
        _partPath = partPath;
    }

    /// <summary>A header made by code rather than read from a message (tests, synthetic entities).</summary>
    public Header(string name, string value) : this(name, System.Text.Encoding.UTF8.GetBytes(value), 0, 0, null, "")
    {
    }

    /// <summary>The field name as written (without the colon or surrounding whitespace).</summary>
    public string Name { get; }

    /// <summary>The bytes after the colon, still folded, line endings included, without the final line ending.</summary>
    public ReadOnlyMemory<byte> RawValue { get; }

    /// <summary>Byte offset of the field's first line in the original input.</summary>
    public long Offset { get; }

    /// <summary>1-based line number of the field's first line in the original input.</summary>
    public int LineNumber { get; }

    /// <summary>Unfolded and trimmed, RFC 2047 encoded words left as they are.</summary>
    public string RawText => _rawText ??= HeaderText.Unfold(RawValue.Span, _legacyCharset?.Encoding).Trim();

    /// <summary>Unfolded, RFC 2047 decoded and trimmed.</summary>
    public string Value => _value ??= DecodeValue();

    public override string ToString() => $"{Name}: {Value}";

    private string DecodeValue()
    {
        var raw = RawText;
        if (!raw.Contains("=?", StringComparison.Ordinal))
            return raw;
        var decoded = EncodedWords.Decode(raw, out var problem);
        if (problem is not null)
            _defects?.Add(problem.Value.Code, _partPath, Offset, $"{Name}: {problem.Value.Detail}");
        return decoded.Trim();
    }
}
