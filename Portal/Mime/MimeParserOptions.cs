namespace Portal.Mime;

/// <summary>
/// Bounds that keep a hostile or broken message from costing unbounded time or memory.
/// Every limit that is hit becomes a <see cref="MimeDefect"/>; parsing then stops descending or truncates.
/// </summary>
public sealed record MimeParserOptions
{
    /// <summary>Input beyond this many bytes is ignored (<see cref="MimeDefectCodes.MessageTooLarge"/>).</summary>
    public long MaxMessageBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Deepest entity depth; the root has depth 0. 30 keeps the report's MIME tree (two JSON levels per part, under the
    /// report and its "mime" member) within the depth of 64 that JSON readers such as System.Text.Json accept by default.
    /// </summary>
    public int MaxDepth { get; init; } = 30;

    /// <summary>Most entities in one message, the root and entities inside attached messages included.</summary>
    public int MaxParts { get; init; } = 2000;

    /// <summary>Most header fields kept per entity.</summary>
    public int MaxHeaders { get; init; } = 1000;

    /// <summary>Longest line (without its line ending) before <see cref="MimeDefectCodes.LineTooLong"/> is reported.</summary>
    public int MaxLineLength { get; init; } = 64 * 1024;

    public static MimeParserOptions Default { get; } = new();
}
