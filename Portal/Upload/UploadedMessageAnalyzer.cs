using Portal.Analysis;
using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Upload;

/// <summary>The outcome of analysing an upload: a report, or the reason there is none.</summary>
public sealed record UploadOutcome(AnalysisReport? Report, UploadRejection? Rejection)
{
    public static UploadOutcome Rejected(UploadRejection rejection) => new(null, rejection);
}

/// <summary>
/// Turns uploaded bytes into a report, refusing input that is not an email at all (empty, a binary file
/// such as an image or an archive, an Outlook .msg) so that the reader gets an explanation instead of a
/// report about nothing.
/// The bytes only live in memory for the duration of the call.
/// </summary>
public sealed class UploadedMessageAnalyzer(EmailAnalyzer analyzer)
{
    public UploadOutcome Analyze(ReadOnlyMemory<byte> message)
    {
        var parsed = MimeParser.Parse(message);
        return Screen(parsed) is { } rejection
            ? UploadOutcome.Rejected(rejection)
            : new UploadOutcome(analyzer.Analyze(parsed), null);
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
    private static UploadRejection? Screen(ParsedMessage parsed)
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
