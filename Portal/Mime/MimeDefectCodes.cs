namespace Portal.Mime;

/// <summary>The codes a <see cref="MimeDefect"/> can carry. They are stable strings: the analyzer and stored reports use them.</summary>
public static class MimeDefectCodes
{
    // What the input is
    public const string EmptyInput = "empty-input";
    public const string NoHeaders = "no-headers";
    public const string BinaryContent = "binary-content";
    public const string OutlookMsg = "outlook-msg";
    public const string MessageTooLarge = "message-too-large";
    /// <summary>Lines end in CR alone (classic Mac OS, some exporters): read with each bare CR as a line end.</summary>
    public const string BareCrLineEndings = "bare-cr-line-endings";
    /// <summary>An mbox file held more than one message; only the first is parsed.</summary>
    public const string MboxAdditionalMessages = "mbox-additional-messages";

    // Header block
    public const string InvalidHeaderLine = "invalid-header-line";
    /// <summary>A line that is not a header ended the header block without the blank separator line.</summary>
    public const string MissingHeaderBodySeparator = "missing-header-body-separator";
    public const string Header8Bit = "header-8bit";
    public const string InvalidEncodedWord = "invalid-encoded-word";
    public const string InvalidContentType = "invalid-content-type";
    public const string InvalidContentDisposition = "invalid-content-disposition";
    public const string UnknownCharset = "unknown-charset";

    // Structure
    public const string MissingBoundaryParameter = "missing-boundary-parameter";
    public const string MissingClosingBoundary = "missing-closing-boundary";
    public const string NoBoundaryFound = "no-boundary-found";
    public const string DuplicateBoundary = "duplicate-boundary";
    /// <summary>A message/rfc822 part whose body is base64 or quoted-printable; RFC 2046 forbids it, so it is kept as a leaf.</summary>
    public const string EncodedMessagePart = "encoded-message-part";

    // Body encodings
    public const string InvalidBase64 = "invalid-base64";
    public const string TruncatedBase64 = "truncated-base64";
    public const string InvalidQuotedPrintable = "invalid-quoted-printable";
    public const string UnknownTransferEncoding = "unknown-transfer-encoding";

    // Limits
    public const string LineTooLong = "line-too-long";
    public const string TooDeep = "too-deep";
    public const string TooManyParts = "too-many-parts";
    public const string TooManyHeaders = "too-many-headers";
}
