namespace Portal.Mime;

/// <summary>
/// Something wrong with the message that the parser worked around.
/// <paramref name="PartPath"/> uses the scheme of <see cref="MimeEntity.PartPath"/> ("" for the root);
/// <paramref name="Offset"/> is the byte offset in the original input where the problem was detected.
/// </summary>
public sealed record MimeDefect(string Code, string PartPath, long Offset, string? Detail = null);
