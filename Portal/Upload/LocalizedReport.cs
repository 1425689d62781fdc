using Portal.Analysis;
using Portal.Analysis.Replies;
using Portal.Analysis.Report;
using Portal.Articles;
using Portal.Localization;

namespace Portal.Upload;

/// <summary>A finding with its texts in one language and the help-center section that explains it.</summary>
public sealed record LocalizedFinding(
    Finding Finding, string Title, string Explanation, IReadOnlyList<string> Actions, IReadOnlyList<LocalizedEvidence> Evidence, ArticleLink Article)
{
    public string ArticleSlug => Article.Slug;

    /// <summary>The article and the section that explains this finding, e.g. <c>/de/articles/glossary#dkim</c>.</summary>
    public string ArticlePath(Language language) => Article.Path(language.Code);
}

/// <summary>
/// Evidence with its note in words (<see cref="FindingTexts.Note"/>); where <see cref="Note"/> is null, the
/// engine's <see cref="Portal.Analysis.Report.Evidence.Note"/> is technical data and is shown as it is.
/// </summary>
public sealed record LocalizedEvidence(Evidence Evidence, string? Note);

/// <summary>A parser defect with its localized description.</summary>
public sealed record LocalizedDefect(DefectEntry Defect, string Description);

/// <summary>
/// The engine's report as the reader sees it in one language: verdict, finding texts, defect descriptions, and the
/// reply an agent can send the sender.
/// </summary>
public sealed record LocalizedReport(
    AnalysisReport Report,
    Language Language,
    string Verdict,
    IReadOnlyList<LocalizedFinding> Findings,
    IReadOnlyList<LocalizedDefect> Defects,
    SuggestedReply Reply)
{
    /// <summary>The same reply in another language, for an agent who answers in the sender's language rather than the page's.</summary>
    public SuggestedReply ReplyIn(Language language) => SuggestedReply.For(Report, language.Code, language.Culture);
}

/// <summary>
/// Looks up every text of a report in an explicit language (never the thread's culture), so that an
/// interactive page can show the same report in another language without analysing it again.
/// </summary>
public sealed class ReportLocalizer(TextProvider texts)
{
    public LocalizedReport Localize(AnalysisReport report, Language language)
    {
        var T = texts.For(language);
        var culture = language.Culture;
        var findings = report.Findings
            .Select(f => new LocalizedFinding(f, FindingTexts.Title(f, culture), FindingTexts.Explanation(f, culture),
                FindingTexts.Actions(f, culture), f.Evidence.Select(e => new LocalizedEvidence(e, FindingTexts.Note(e, culture))).ToList(),
                FindingArticles.For(f.Code)))
            .ToList();
        var defects = report.Defects
            .Select(d => new LocalizedDefect(d, T[DefectFamilies.TextKey(d.Code)]))
            .ToList();
        return new LocalizedReport(report, language, VerdictComposer.Compose(report, T), findings, defects, SuggestedReply.For(report, language.Code, culture));
    }
}
