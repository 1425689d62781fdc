using Portal.Analysis;
using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Upload;

/// <summary>The outcome of analysing an upload: a report, or the reason there is none (and when to try again).</summary>
public sealed record UploadOutcome(AnalysisReport? Report, UploadRejection? Rejection, int? RetryAfterSeconds = null)
{
    public static UploadOutcome Rejected(UploadRejection rejection, int? retryAfterSeconds = null) => new(null, rejection, retryAfterSeconds);

    /// <summary>Neither report nor refusal: whoever asked has gone (the page was closed mid-analysis).</summary>
    public static UploadOutcome Abandoned { get; } = new(null, null);
}

/// <summary>
/// Turns uploaded bytes into a report, refusing input that is not an email at all (empty, a binary file
/// such as an image or an archive, an Outlook .msg) so that the reader gets an explanation instead of a
/// report about nothing.
/// The bytes only live in memory for the duration of the call.
/// </summary>
public sealed class UploadedMessageAnalyzer(EmailAnalyzer analyzer, AnalysisGate gate, UploadProblems problems, ILogger<UploadedMessageAnalyzer> logger)
{
    public UploadOutcome Analyze(ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        var parsed = MimeParser.Parse(message);
        return Screen(parsed) is { } rejection
            ? UploadOutcome.Rejected(rejection)
            : new UploadOutcome(analyzer.Analyze(parsed, cancellationToken), null);
    }

    /// <summary>
    /// The way in for the API and the page: waits for an analysis slot (or answers <see cref="UploadRejection.Busy"/>),
    /// analyzes on the thread pool within the analysis budget and <paramref name="cancellationToken"/> (the request or
    /// the circuit), and is the one place where an exception that escapes the analysis is caught: logged with the
    /// message's size and hash, never its content, and answered as <see cref="UploadRejection.AnalysisFailed"/>.
    /// </summary>
    /// <exception cref="OperationCanceledException">The caller gave up while waiting for a slot.</exception>
    public async Task<UploadOutcome> AnalyzeAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        using var lease = await gate.EnterAsync(cancellationToken);
        if (!lease.IsAcquired)
        {
            logger.LogWarning("Analyzer busy: {Slots} analyses running and the queue is full; a message of {Size} bytes was turned away", gate.Slots, message.Length);
            return UploadOutcome.Rejected(UploadRejection.Busy, problems.BusyRetryAfterSeconds);
        }
        try
        {
            return await Task.Run(() => Analyze(message, cancellationToken), CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Analysis failed for a message of {Size} bytes with SHA-256 {Sha256}", message.Length,
                Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(message.Span)));
            return UploadOutcome.Rejected(UploadRejection.AnalysisFailed);
        }
    }

    /// <summary>Share of control bytes at the start above which headerless input is taken for a binary file.</summary>
    private const double BinaryControlShare = 0.05;

    /// <summary>
    /// Only the start is judged: a damaged message may carry a binary attachment further on, while images,
    /// archives and other files show their binary signature in the first bytes.
    /// </summary>
    private const int SniffLength = 512;

    /// <summary>
    /// Refuses only what is not an email at all. Text without recognisable headers is still analyzed:
    /// it is the badly damaged message the reader wants explained, and its defects say what went wrong.
    /// </summary>
    public static UploadRejection? Screen(ParsedMessage parsed)
    {
        if (parsed.Size == 0 || parsed.HasDefect(MimeDefectCodes.EmptyInput))
            return UploadRejection.Empty;
        if (parsed.HasDefect(MimeDefectCodes.OutlookMsg))
            return UploadRejection.OutlookMsg;
        if (!parsed.LooksLikeEmail && LooksBinary(parsed.Data.Span))
            return UploadRejection.NotAnEmail;
        return null;
    }

    private static bool LooksBinary(ReadOnlySpan<byte> data)
    {
        var sample = data[..Math.Min(data.Length, SniffLength)];
        if (sample.IndexOf((byte)0) >= 0)
            return true;
        var control = 0;
        foreach (var b in sample)
        {
            if (b is < 0x09 or (> 0x0D and < 0x20) or 0x7F)
                control++;
        }
        return control > sample.Length * BinaryControlShare;
    }
}
