namespace Portal.Mime;

/// <summary>A problem a body decoder met, at an offset relative to the start of the encoded bytes.</summary>
internal readonly record struct DecodeIssue(string Code, int Offset, string? Detail = null);

/// <summary>What a transfer decoder produced: the bytes (sized exactly) and the problems it worked around.</summary>
internal readonly record struct DecodeOutcome(byte[] Bytes, DecodeIssue[] Issues);
