using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Portal.Analysis.Report;
using Portal.Articles;
using Portal.Components.Pages.Analyze;
using Portal.Localization;
using Portal.Tests.Analysis;
using Portal.Upload;

namespace Portal.Tests.Components;

/// <summary>
/// The report's parts rendered by bunit from reports on real corpus messages (the same analyzer as the site).
/// The context is created per test and disposed asynchronously: MudBlazor's services are only IAsyncDisposable.
/// </summary>
public sealed class ReportComponentTests
{
    internal static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization();
        ctx.Services.AddSingleton<TextProvider>();
        ctx.Services.AddSingleton<ReportLocalizer>();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return ctx;
    }

    private static LocalizedReport Localized(BunitContext ctx, string corpusFile, string language) =>
        ctx.Services.GetRequiredService<ReportLocalizer>().Localize(Analyze.Generated(corpusFile), Languages.Get(language));

    [Fact]
    public async Task A_relay_finding_card_in_German_shows_its_evidence_in_monospace_its_actions_and_the_article()
    {
        await using var ctx = NewContext();
        var report = Localized(ctx, "realworld/relay/firefox-relay-from-user.eml", "de");
        var finding = report.Findings.Single(f => f.Finding.Code == "relay-masked-address");
        string? copied = null;

        var card = ctx.Render<FindingCard>(p => p
            .Add(c => c.Index, 0).Add(c => c.Finding, finding).Add(c => c.Language, report.Language)
            .Add(c => c.T, ctx.Services.GetRequiredService<TextProvider>().For("de"))
            .Add(c => c.Interactive, true)
            .Add(c => c.OnCopy, EventCallback.Factory.Create<string>(this, text => copied = text)));

        var root = card.Find(".finding");
        Assert.Equal("relay-masked-address", root.GetAttribute("data-code"));
        Assert.Contains("finding--blocker", root.ClassName);
        Assert.Equal(finding.Title, card.Find(".finding__title").TextContent.Trim());
        var evidence = card.FindAll("code.evidence__line");
        Assert.Contains(evidence, e => e.TextContent.Contains("mozmail.com"));
        Assert.Equal(finding.Actions.Count, card.FindAll("ol.actions li").Count);
        Assert.Equal(Portal.Upload.FindingArticles.For("relay-masked-address").Path("de"), card.Find("a.finding__article").GetAttribute("href"));
        // The technical term the finding is about links to its entry in the German glossary.
        var glossary = card.Find("a.finding__glossary");
        Assert.StartsWith("/de/articles/glossary#", glossary.GetAttribute("href"));
        Assert.StartsWith("Im Glossar: ", glossary.TextContent.Trim());

        var copy = card.FindAll("button.evidence__copy").First(b => b.GetAttribute("aria-label")!.Contains("From"));
        await copy.ClickAsync(new());
        Assert.StartsWith("From: ", copied);
        Assert.Contains("mozmail.com", copied);
    }

    [Fact]
    public async Task Without_a_circuit_the_finding_card_leaves_out_the_copy_buttons_but_keeps_the_evidence()
    {
        await using var ctx = NewContext();
        var report = Localized(ctx, "relay/firefox-relay.eml", "en");

        var card = ctx.Render<FindingCard>(p => p
            .Add(c => c.Index, 0).Add(c => c.Finding, report.Findings[0]).Add(c => c.Language, report.Language)
            .Add(c => c.T, ctx.Services.GetRequiredService<TextProvider>().For("en")));

        Assert.Empty(card.FindAll("button.evidence__copy"));
        Assert.NotEmpty(card.FindAll("code.evidence__line"));
    }

    [Fact]
    public async Task The_route_timeline_has_one_step_per_Received_header_with_TLS_colour_version_cipher_and_delay()
    {
        await using var ctx = NewContext();
        var report = Analyze.Generated("received/postfix.eml");
        var hops = report.Transport.Hops;

        var timeline = ctx.Render<RouteTimeline>(p => p
            .Add(c => c.Hops, hops).Add(c => c.T, ctx.Services.GetRequiredService<TextProvider>().For("en")));

        var steps = timeline.FindAll(".route-hop");
        Assert.Equal(hops.Count, steps.Count);
        Assert.Equal(["Hop 1", "Hop 2", "Hop 3"], timeline.FindAll(".route-hop__step").Select(s => s.TextContent));
        Assert.Equal(hops.Select(h => h.Tls), steps.Select(s => s.GetAttribute("data-tls")));
        Assert.NotNull(steps[0].QuerySelector(".mud-timeline-dot-error"));
        Assert.NotNull(steps[1].QuerySelector(".mud-timeline-dot-success"));
        Assert.Contains("TLS (TLSv1.3)", steps[1].QuerySelector(".tls-badge")!.TextContent);
        Assert.Contains("TLS_AES_256_GCM_SHA384", steps[1].TextContent);
        Assert.Contains("mx1.recipient.example", steps[1].TextContent);
        Assert.Contains("3 s after the previous hop", steps[1].TextContent);
    }

    [Fact]
    public async Task The_MIME_tree_shows_every_part_of_a_signed_message_with_its_type_size_and_file_name_in_French()
    {
        await using var ctx = NewContext();
        var report = Analyze.Generated("smime/signed-detached-rsa-sha256.eml");

        var tree = ctx.Render<MimeTreeView>(p => p
            .Add(c => c.Root, report.Mime!).Add(c => c.T, ctx.Services.GetRequiredService<TextProvider>().For("fr")));

        var nodes = tree.FindAll(".mime-node__label");
        Assert.Equal(["multipart/signed", "text/plain", "application/pkcs7-signature"], nodes.Select(n => n.QuerySelector(".mime-node__type")!.TextContent));
        Assert.Contains("smime.p7s", nodes[2].TextContent);
        Assert.Contains("partie MIME 2", nodes[2].TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"^\d+([,.]\d)?[\s\u202F](o|Ko)$", nodes[1].QuerySelector(".mime-node__size")!.TextContent);
    }

    [Fact]
    public async Task Suggested_reply_without_a_circuit_has_six_languages_page_language_checked_mailto_links_and_no_copy_button()
    {
        await using var ctx = NewContext();
        var report = Localized(ctx, "forwards/attached-thunderbird-smime.eml", "fr");

        var view = ctx.Render<SuggestedReplyView>(p => p
            .Add(c => c.Report, report).Add(c => c.T, ctx.Services.GetRequiredService<TextProvider>().For("fr")));

        Assert.Equal(Languages.All.Select(l => l.Code), view.FindAll("input[name=reply-language]").Select(i => i.GetAttribute("value")));
        Assert.True(view.Find("#reply-lang-fr").HasAttribute("checked"));
        Assert.Single(view.FindAll("input[name=reply-language][checked]"));
        var panels = view.FindAll(".reply__panel");
        Assert.Equal(6, panels.Count);
        Assert.Contains("reply__panel--default", view.Find(".reply__panel[data-lang=fr]").ClassName);
        Assert.StartsWith("Bonjour,", view.Find("#reply-body-fr").TextContent);
        Assert.StartsWith("Hello,", view.Find("#reply-body-en").TextContent);
        Assert.All(view.FindAll("a.reply__mailto"), a => Assert.StartsWith("mailto:alice@example.test?subject=", a.GetAttribute("href")));
        Assert.Empty(view.FindAll(".reply__copy"));
        Assert.Equal("/fr/articles/when-encrypted-mail-cannot-be-read#suggested-reply", view.Find("section.reply .hint a").GetAttribute("href"));
    }

    [Fact]
    public async Task Report_of_an_attached_forward_names_the_forwarder_and_keeps_the_forwards_details_collapsed()
    {
        await using var ctx = NewContext();
        var report = Localized(ctx, "forwards/attached-outlook-smime.eml", "en");

        var note = ctx.Render<ForwardNote>(p => p
            .Add(c => c.Forward, report.Report.Forward!).Add(c => c.Language, report.Language)
            .Add(c => c.T, ctx.Services.GetRequiredService<TextProvider>().For("en")));

        Assert.Contains("Dana Support <dana@helpdesk.example> forwarded this message as an attachment", note.Find("section.forward p").TextContent);
        Assert.Contains("FW: S/MIME enveloped", note.Find("details.forward__details").TextContent);
        Assert.Empty(note.FindAll(".forward__guides"));
    }
}
