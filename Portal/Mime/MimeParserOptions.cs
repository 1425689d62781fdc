namespace Portal.Mime;

/// <summary>
/// Bounds that keep a hostile or broken message from costing unbounded time or memory.
/// Every limit that is hit becomes a <see cref="MimeDefect"/>; parsing then stops descending or truncates.
/// </summary>
public sealed record MimeParserOptions
{
    /// <summary>Input beyond this many bytes is ignored (<see cref="MimeDefectCodes.MessageTooLarge"/>).</summary>
    public long MaxMessageBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Deepest entity depth; the root has depth 0.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most entities in one message, the root and entities inside attached messages included.</summary>
    public int MaxParts { get; init; } = 2000;

    /// <summary>Most header fields kept per entity.</summary>
    public int MaxHeaders { get; init; } = 1000;

    /// <summary>Longest line (without its line ending) before <see cref="MimeDefectCodes.LineTooLong"/> is reported.</summary>
    public int MaxLineLength { get; init; } = 64 * 1024;

    public static MimeParserOptions Default { get; } = new();
}
