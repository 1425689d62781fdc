namespace Portal.Mime;

/// <summary>
/// One MIME entity: its header block and its body, both slices of the original input.
/// <para>
/// Part paths: the root is ""; every other entity's path is its parent's path, a dot (omitted under the root),
/// and its 1-based index among the parent's <see cref="Children"/>. The children of the root multipart are
/// "1", "2"; their children "1.1", "1.2"; the single child of a message/rfc822 entity "2" (the attached message)
/// is "2.1", and that message's parts are "2.1.1", "2.1.2".
/// </para>
/// </summary>
public sealed class MimeEntity
{
    private readonly ReadOnlyMemory<byte> _entity;
    private readonly DefectLog _defects;
    private readonly List<MimeEntity> _children = [];
    private int _decodeReported;
    private int _charsetReported;

    internal MimeEntity(
        string partPath, int depth, MimeEntity? parent, HeaderList headers, ContentType contentType,
        ContentDisposition? contentDisposition, string transferEncoding,
        long offset, long bodyOffset, ReadOnlyMemory<byte> entity, ReadOnlyMemory<byte> body, DefectLog defects)
    {
        PartPath = partPath;
        Depth = depth;
        Parent = parent;
        Headers = headers;
        ContentType = contentType;
        ContentDisposition = contentDisposition;
        TransferEncoding = transferEncoding;
        Offset = offset;
        BodyOffset = bodyOffset;
        _entity = entity;
        RawBody = body;
        _defects = defects;
    }

    /// <summary>See the class comment for the scheme; "" for the root.</summary>
    public string PartPath { get; }

    /// <summary>0 for the root, parent depth + 1 otherwise (the child of a message/rfc822 entity counts as a level).</summary>
    public int Depth { get; }

    public MimeEntity? Parent { get; }
    public HeaderList Headers { get; }

    /// <summary>The declared type, or text/plain (message/rfc822 inside multipart/digest) when absent or unusable.</summary>
    public ContentType ContentType { get; }

    public ContentDisposition? ContentDisposition { get; }

    /// <summary>Lower-case Content-Transfer-Encoding token; "7bit" when absent.</summary>
    public string TransferEncoding { get; }

    /// <summary>Content-Disposition filename, else Content-Type name; RFC 2231 and RFC 2047 decoded.</summary>
    public string? FileName => ContentDisposition?.FileName ?? NonEmpty(ContentType.Get("name"));

    /// <summary>Byte offset of the entity's first header line (of its body when it has no headers) in the input.</summary>
    public long Offset { get; }

    /// <summary>Byte offset of the first body byte in the input.</summary>
    public long BodyOffset { get; }

    /// <summary>The still-encoded body: a slice of the input, never a copy. For multiparts, the whole multipart body.</summary>
    public ReadOnlyMemory<byte> RawBody { get; }

    /// <summary>Header block and body exactly as in the input (what a multipart/signed signature covers).</summary>
    public ReadOnlyMemory<byte> RawEntity => _entity;

    /// <summary>True when the body was split at boundaries; a multipart without a usable boundary (or too deep) is a leaf.</summary>
    public bool IsMultipart { get; internal set; }

    /// <summary>True for message/rfc822 (or message/global) whose body was parsed into the single child.</summary>
    public bool IsMessage { get; internal set; }

    public IReadOnlyList<MimeEntity> Children => _children;

    public ReadOnlyMemory<byte> Preamble { get; internal set; }
    public ReadOnlyMemory<byte> Epilogue { get; internal set; }

    /// <summary>The attached message of a message/rfc822 entity, or null.</summary>
    public MimeEntity? EmbeddedMessage => IsMessage && _children.Count == 1 ? _children[0] : null;

    internal void AddChild(MimeEntity child) => _children.Add(child);

    /// <summary>
    /// Transfer-decoded body bytes. Never throws. Decoding problems are returned in <see cref="DecodedBody.Defects"/>
    /// and are also added, once per entity, to the owning <see cref="ParsedMessage.Defects"/>.
    /// </summary>
    public DecodedBody Decode()
    {
        var outcome = TransferDecoding.Decode(TransferEncoding, RawBody.Span);
        IReadOnlyList<MimeDefect> defects = outcome.Issues.Length == 0
            ? []
            : outcome.Issues.Select(i => new MimeDefect(i.Code, PartPath, BodyOffset + i.Offset, i.Detail)).ToArray();
        if (defects.Count > 0 && Interlocked.Exchange(ref _decodeReported, 1) == 0)
            _defects.AddRange(defects);
        return new DecodedBody(outcome.Bytes, defects);
    }

    /// <summary>Transfer-decoded body bytes; problems go to <see cref="ParsedMessage.Defects"/> (see <see cref="Decode"/>).</summary>
    public byte[] DecodeBody() => Decode().Bytes;

    /// <summary>
    /// The body as text: transfer-decoded, then decoded with the Content-Type charset. An unknown or missing charset
    /// falls back to UTF-8 when the bytes are valid UTF-8, else Latin-1. Never throws.
    /// </summary>
    public string DecodeText()
    {
        var bytes = DecodeBody();
        var charset = ContentType.Charset;
        var text = CharsetDecoder.Decode(bytes, charset, out var known);
        if (!known && Interlocked.Exchange(ref _charsetReported, 1) == 0)
            _defects.Add(MimeDefectCodes.UnknownCharset, PartPath, Offset, charset);
        return text;
    }

    public override string ToString() => $"{(PartPath.Length == 0 ? "(root)" : PartPath)} {ContentType.MimeType}";

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
