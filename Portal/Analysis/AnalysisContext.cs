using Portal.Analysis.Catalogs;
using Portal.Analysis.Report;
using Portal.Analysis.Transport;
using Portal.Mime;

namespace Portal.Analysis;

/// <summary>What a detector works with: the parsed message, the catalogs, the report being built, and the budget.</summary>
public sealed class AnalysisContext(ParsedMessage message, IAnalysisCatalogs catalogs, AnalysisReport report, AnalysisBudget? budget = null)
{
    private IReadOnlyList<ReceivedHeader>? _receivedChain;
    private Dictionary<Header, IReadOnlyList<MailboxAddress>>? _mailboxes;
    private Dictionary<MimeEntity, string>? _texts;

    public ParsedMessage Message { get; } = message;
    public IAnalysisCatalogs Catalogs { get; } = catalogs;
    public AnalysisReport Report { get; } = report;

    /// <summary>
    /// What this analysis may still spend. A detector that loops over parts, packets or headers calls
    /// <see cref="AnalysisBudget.ThrowIfExhausted"/> in its loop and spends what it decodes or inflates
    /// (<see cref="AnalysisBudget.SpendBytes"/>); it never catches <see cref="AnalysisStoppedException"/>.
    /// </summary>
    public AnalysisBudget Budget { get; } = budget ?? AnalysisBudget.Unlimited();

    /// <summary>Cancelled at the deadline or when the caller gives up: for awaited or library work inside a detector.</summary>
    public CancellationToken CancellationToken => Budget.CancellationToken;

    /// <summary>Set by the analyzer before each detector runs, so findings keep detector order within a severity.</summary>
    internal int DetectorOrder { get; set; }

    /// <summary>The message's Received headers, newest first, each parsed once per analysis for every detector that reads them.</summary>
    public IReadOnlyList<ReceivedHeader> ReceivedChain =>
        _receivedChain ??= Message.Root.Headers.GetAll("Received").Select(h => new ReceivedHeader(h, ReceivedHeaderParser.Parse(h.Value))).ToList();

    /// <summary>
    /// Every mailbox of an address header, parsed once per analysis. The raw text goes to the parser so that
    /// encoded words are decoded after the list is split.
    /// </summary>
    public IReadOnlyList<MailboxAddress> Mailboxes(Header header)
    {
        _mailboxes ??= new Dictionary<Header, IReadOnlyList<MailboxAddress>>(ReferenceEqualityComparer.Instance);
        if (!_mailboxes.TryGetValue(header, out var mailboxes))
            _mailboxes[header] = mailboxes = AddressParser.Parse(header.RawText);
        return mailboxes;
    }

    /// <summary>
    /// The first mailbox of a header that has a domain, or null. An unquoted comma in a display name
    /// ("Norton I., Emperor &lt;n@example.com&gt;") splits off a piece that has none.
    /// </summary>
    public MailboxAddress? FirstMailbox(Header? header)
    {
        if (header is null)
            return null;
        foreach (var mailbox in Mailboxes(header))
            if (mailbox.Domain.Length > 0)
                return mailbox;
        return null;
    }

    /// <summary>A part's body as text (<see cref="MimeEntity.DecodeText"/>), decoded once per analysis for every detector that reads it.</summary>
    public string Text(MimeEntity entity)
    {
        _texts ??= new Dictionary<MimeEntity, string>(ReferenceEqualityComparer.Instance);
        if (!_texts.TryGetValue(entity, out var text))
        {
            Budget.SpendBytes(entity.RawBody.Length);
            _texts[entity] = text = entity.DecodeText();
        }
        return text;
    }

    /// <summary>
    /// Adds a finding, or, when the message already has one with this code, adds the evidence to it:
    /// three plaintext hops are one finding with three pieces of evidence.
    /// </summary>
    public void AddFinding(FindingCode code, IEnumerable<Evidence> evidence, IReadOnlyDictionary<string, string>? args = null)
    {
        var index = Report.Findings.FindIndex(f => f.Code == code.Code);
        if (index >= 0)
        {
            var existing = Report.Findings[index];
            Report.Findings[index] = existing with { Evidence = Evidence.Merge([.. existing.Evidence, .. evidence]) };
            return;
        }
        Report.Findings.Add(new Finding(code.Code, code.Severity, Evidence.Merge(evidence), args ?? new Dictionary<string, string>())
        {
            DetectorOrder = DetectorOrder,
        });
    }

    public void AddFinding(FindingCode code, Evidence evidence, IReadOnlyDictionary<string, string>? args = null) =>
        AddFinding(code, [evidence], args);

    public void AddDefect(string code, string partPath, long offset, string? detail) =>
        Report.Defects.Add(new DefectEntry(code, partPath, offset, detail));
}
