using System.Text.RegularExpressions;
using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Analysis.Threading;

/// <summary>
/// Mail that came through a mailing list (List-Id, Mailman, LISTSERV, Google Groups headers). Lists add footers and
/// subject tags after the sender signed, so a broken S/MIME signature or a failed DKIM check on list mail usually means
/// the list changed the message, not that someone tampered with it.
/// </summary>
public static partial class MailingLists
{
    private static readonly string[] ListHeaders = ["List-Id", "List-Post", "X-Mailman-Version", "X-BeenThere", "X-Google-Group-Id", "X-Listserver", "X-LISTSERV-Version", "Mailing-List"];

    public static void Judge(AnalysisContext context)
    {
        var headers = context.Message.Root.Headers;
        var listHeader = ListHeaders.Select(name => headers[name]).FirstOrDefault(h => h is not null);
        if (listHeader is null)
            return;
        var report = context.Report;
        var brokenSignature = report.Findings.FirstOrDefault(f => f.Code == FindingCodes.SmimeSignatureInvalid.Code);
        var failedDkim = report.Authentication.Results.Any(r => r.Method == "dkim" && r.Result is "fail" or "permerror" && r.Trusted != false);
        if (brokenSignature is null && !failedDkim)
            return;

        var evidence = new List<Evidence> { Evidence.FromHeader(listHeader) };
        if (headers["Subject"] is { } subject && SubjectTag().IsMatch(subject.Value))
            evidence.Add(Evidence.FromHeader(subject, "subject-tag").Explained(EvidenceNotes.ListSubjectTag));
        if (brokenSignature is not null)
            evidence.AddRange(brokenSignature.Evidence);
        context.AddFinding(FindingCodes.MailingListModified, evidence,
            new Dictionary<string, string> { ["list"] = ListName(listHeader) });
    }

    /// <summary>"Support list &lt;support-l.lists.example.org&gt;" gives support-l.lists.example.org; other headers give their value.</summary>
    private static string ListName(Header header) =>
        header.Name.Equals("List-Id", StringComparison.OrdinalIgnoreCase) && ListId().Match(header.Value) is { Success: true } id
            ? id.Groups[1].Value
            : header.Value.Trim();

    [GeneratedRegex(@"<([^<>]+)>")]
    private static partial Regex ListId();

    [GeneratedRegex(@"^\s*(?:(?:re|aw|fwd?|wg|sv)\s*:\s*)*\[[^\]]{1,40}\]", RegexOptions.IgnoreCase)]
    private static partial Regex SubjectTag();
}
