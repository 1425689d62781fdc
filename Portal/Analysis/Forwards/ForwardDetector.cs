using Portal.Analysis.Report;

namespace Portal.Analysis.Forwards;

/// <summary>
/// Says that the upload is a forward. An attached original has already become the analyzed message
/// (<see cref="EmailAnalyzer"/> re-roots before the pipeline runs): this detector names the forward. An original pasted
/// inline cannot be recovered: it says so, because its headers, route and encryption were lost in the forward.
/// </summary>
public sealed class ForwardDetector : IAnalysisDetector
{
    public void Analyze(AnalysisContext context)
    {
        var report = context.Report;
        if (report.Forward is { Kind: ForwardKinds.Attached } attached)
        {
            context.AddFinding(FindingCodes.ForwardedAsAttachment,
                new Evidence(Header: "From", Value: attached.ForwardedBy, PartPath: attached.PartPath, Note: attached.FileName),
                new Dictionary<string, string> { ["forwardedBy"] = attached.ForwardedBy ?? "?" });
            return;
        }
        if (InlineForward.Find(context) is not { } inline)
            return;
        var headers = context.Message.Root.Headers;
        report.Forward = new ForwardSection
        {
            Kind = ForwardKinds.Inline,
            ForwardedBy = headers.GetValue("From"),
            ForwardedTo = headers.GetValue("To"),
            Subject = headers.GetValue("Subject"),
            Date = Portal.Mime.MailDate.TryParse(headers.GetValue("Date") ?? "", out var date) ? date : null,
            MessageId = headers.GetValue("Message-ID"),
            Separator = inline.Separator,
            Client = inline.Client,
            Original = inline.Original,
        };
        context.AddFinding(FindingCodes.ForwardedInline,
            new Evidence(Value: inline.Separator, PartPath: inline.PartPath, Note: inline.Client),
            new Dictionary<string, string> { ["forwardedBy"] = report.Forward.ForwardedBy ?? "?" });
    }
}
