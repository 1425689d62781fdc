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
/// Turns uploaded bytes into a report, refusing input that is not an email at all (empty, a binary file,
/// an Outlook .msg) so that the reader gets an explanation instead of a report of an empty message.
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

    private static UploadRejection? Screen(ParsedMessage parsed)
    {
        if (parsed.Size == 0 || parsed.HasDefect(MimeDefectCodes.EmptyInput))
            return UploadRejection.Empty;
        if (parsed.HasDefect(MimeDefectCodes.OutlookMsg))
            return UploadRejection.OutlookMsg;
        return parsed.LooksLikeEmail ? null : UploadRejection.NotAnEmail;
    }
}
