namespace Portal.Mime;

/// <summary>A body after transfer decoding, with the problems the decoder worked around (offsets are in the original input).</summary>
public sealed record DecodedBody(byte[] Bytes, IReadOnlyList<MimeDefect> Defects);
