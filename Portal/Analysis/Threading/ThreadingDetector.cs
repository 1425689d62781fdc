using System.Text.RegularExpressions;
using Portal.Analysis.Report;

namespace Portal.Analysis.Threading;

/// <summary>Message-ID, In-Reply-To, References and Thread-Index: can a mail client place this message in its conversation?</summary>
public sealed partial class ThreadingDetector : IAnalysisDetector
{
    public void Analyze(AnalysisContext context)
    {
        var headers = context.Message.Root.Headers;
        var section = context.Report.Threading;
        section.MessageId = MessageIds(headers.GetValue("Message-ID")).FirstOrDefault();
        section.InReplyTo = MessageIds(headers.GetValue("In-Reply-To")).FirstOrDefault();
        section.References.AddRange(MessageIds(headers.GetValue("References")));
        section.ThreadIndex = headers["Thread-Index"] is not null;

        if (section.MessageId is null && !MessageShape.IsFragment(headers))
            context.AddFinding(FindingCodes.ThreadMessageIdMissing, []);

        if (headers["Subject"] is { } subject && ReplyPrefix().IsMatch(subject.Value)
            && section.InReplyTo is null && section.References.Count == 0 && !section.ThreadIndex)
            context.AddFinding(FindingCodes.ThreadReplyContextMissing, Evidence.FromHeader(subject));
    }

    /// <summary>The &lt;id&gt; tokens of a header; a bare id without brackets counts when it is all there is.</summary>
    public static IEnumerable<string> MessageIds(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            yield break;
        var any = false;
        foreach (Match match in BracketedId().Matches(value))
        {
            any = true;
            yield return match.Groups[1].Value.Trim();
        }
        if (!any && value.Trim() is { Length: > 0 } bare && !bare.Contains(' ') && bare.Contains('@'))
            yield return bare;
    }

    [GeneratedRegex(@"<([^<>\s]+)>")]
    private static partial Regex BracketedId();

    // Re:, RE:, Aw:, Sv:, Antw:, Réf: ... as clients in the six supported languages write them.
    [GeneratedRegex(@"^\s*(re|aw|sv|vs|antw|odp|r|rif|réf|ref|wg)\s*(\[\d+\])?\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyPrefix();
}
