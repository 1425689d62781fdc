namespace Portal.Analysis;

/// <summary>
/// The budget of one analysis ("Portal:Analysis" in configuration). A small message must not be able to keep a
/// core busy: compressed layers that hold more compressed layers multiply the work, so the total is bounded, not
/// each piece. An analysis that runs out stops early with a defect and reports what it had found.
/// </summary>
public sealed class AnalysisLimits
{
    public const string Section = "Portal:Analysis";

    /// <summary>Wall-clock time one analysis may take; 0 for none (command-line tools only).</summary>
    public double DeadlineSeconds { get; set; } = 5;

    /// <summary>Bytes that may be inflated or decoded in total, as a multiple of the message's size…</summary>
    public int DecodedBytesPerMessageByte { get; set; } = 20;

    /// <summary>…but never less than this, so that a small message may still hold a well-compressed document…</summary>
    public long MinDecodedBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>…and never more than this.</summary>
    public long MaxDecodedBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>CMS structures and OpenPGP compressed packets opened in one message, at every depth together.</summary>
    public int MaxContainers { get; set; } = 64;

    /// <summary>Longest echoed value (evidence, hop fields, subject, defect details) in characters before it is cut.</summary>
    public int MaxEchoedChars { get; set; } = 2048;

    /// <summary>
    /// Largest report (the engine's JSON) before echoed values and lists are cut further; the API's localized texts
    /// add a few dozen kilobytes, so every answer stays under a megabyte.
    /// </summary>
    public int MaxReportBytes { get; set; } = 768 * 1024;

    public static AnalysisLimits Default { get; } = new();

    public long DecodedBytesFor(long messageSize) =>
        Math.Clamp(messageSize * DecodedBytesPerMessageByte, MinDecodedBytes, Math.Max(MinDecodedBytes, MaxDecodedBytes));
}
