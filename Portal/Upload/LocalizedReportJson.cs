using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Analysis;
using Portal.Analysis.Report;
using Portal.Articles;

namespace Portal.Upload;

/// <summary>
/// The API answer and the page's JSON download: the engine's report contract unchanged, plus
/// <c>language</c>, a localized <c>verdict</c>, per finding its localized <c>title</c>,
/// <c>explanation</c>, <c>actions</c> and the <c>article</c> that explains it, and per piece of evidence
/// the localized <c>noteText</c> where its note is words rather than technical data (null otherwise).
/// Where a technical term is shown (a finding, a recipient kind, a hop's protocol, an authentication
/// method), <c>glossary</c> links to the glossary entry that explains it, or is null; a recipient's <c>plainName</c> says
/// its kind in words ('RSA key transport') beside the technical <c>kind</c> (ktri). A forward's <c>exportGuides</c> link
/// the help-center section that shows how each mail client exports the original message. <c>suggestedReply</c> is a reply
/// to the sender in the request's language (kind, to, subject, body, and a mailto: link with all three).
/// </summary>
public static class LocalizedReportJson
{
    public static string Serialize(LocalizedReport localized) => ToJson(localized).ToJsonString(ReportJson.Options);

    public static JsonObject ToJson(LocalizedReport localized)
    {
        var json = JsonSerializer.SerializeToNode(localized.Report, ReportJson.Options)!.AsObject();
        json["language"] = localized.Language.Code;
        json["verdict"] = localized.Verdict;

        var findings = json["findings"]!.AsArray();
        for (var i = 0; i < findings.Count; i++)
        {
            var text = localized.Findings[i];
            var finding = findings[i]!.AsObject();
            finding["title"] = text.Title;
            finding["explanation"] = text.Explanation;
            finding["actions"] = new JsonArray(text.Actions.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
            finding["article"] = text.ArticlePath(localized.Language);
            finding["glossary"] = GlossaryTerms.LinkForFinding(localized.Language.Code, text.Finding.Code);
            AddNoteTexts(finding["evidence"]!.AsArray(), text.Evidence.Select(e => e.Note).ToList());
        }

        var culture = localized.Language.Culture;
        AddNoteTexts(json["relay"]!["evidence"]!.AsArray(), localized.Report.Relay.Evidence.Select(e => FindingTexts.Note(e, culture)).ToList());

        AddGlossaryLinks(json, localized.Language.Code);
        foreach (var recipient in json["encryption"]!["recipients"]!.AsArray())
            recipient!["plainName"] = FindingTexts.RecipientKind(recipient["kind"]?.GetValue<string>(), culture);

        // How to export the original from each mail client: an inline forward lost it, an attached one shows how it is done.
        if (json["forward"] is JsonObject forward)
            forward["exportGuides"] = new JsonArray(FindingArticles.ExportGuides
                .Select(g => (JsonNode?)new JsonObject { ["client"] = g.Key, ["article"] = g.Value.Path(localized.Language.Code) }).ToArray());

        var reply = localized.Reply;
        json["suggestedReply"] = new JsonObject
        {
            ["kind"] = reply.Kind, ["language"] = reply.Language, ["to"] = reply.To,
            ["subject"] = reply.Subject, ["body"] = reply.Body, ["mailto"] = reply.Mailto,
        };

        var defects = json["defects"]!.AsArray();
        for (var i = 0; i < defects.Count; i++)
            defects[i]!.AsObject()["description"] = localized.Defects[i].Description;
        return json;
    }

    private static void AddGlossaryLinks(JsonObject json, string languageCode)
    {
        foreach (var recipient in json["encryption"]!["recipients"]!.AsArray())
            recipient!["glossary"] = GlossaryTerms.Link(languageCode, recipient["kind"]?.GetValue<string>());
        foreach (var hop in json["transport"]!["hops"]!.AsArray().Concat(json["forward"]?["hops"]?.AsArray() ?? []))
            hop!["glossary"] = GlossaryTerms.Link(languageCode, hop["protocol"]?.GetValue<string>());
        foreach (var result in json["authentication"]!["results"]!.AsArray())
            result!["glossary"] = GlossaryTerms.Link(languageCode, result["method"]?.GetValue<string>());
    }

    private static void AddNoteTexts(JsonArray evidence, IReadOnlyList<string?> notes)
    {
        for (var i = 0; i < evidence.Count; i++)
            evidence[i]!.AsObject()["noteText"] = notes[i];
    }
}
