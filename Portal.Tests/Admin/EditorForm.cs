using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Portal.Components.Pages.Admin;

namespace Portal.Tests.Admin;

/// <summary>
/// The editor's form as a browser without JavaScript submits it: the fields of the page's static render (or of the
/// conflict page's merge form) with the values the page filled in, the antiforgery token included.
/// </summary>
public static class EditorForm
{
    /// <summary>Opens the editor page as served (the static render, no circuit) and reads its form.</summary>
    public static async Task<Dictionary<string, string>> OpenAsync(HttpClient client, string slug, string language)
    {
        var response = await client.GetAsync(EditorFormPost.EditorPathFor(slug, language));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"the editor page answered {(int)response.StatusCode}");
        var document = new HtmlParser().ParseDocument(html);
        var form = document.GetElementById(EditorFormPost.FormId) ?? throw new InvalidOperationException("The editor page has no static form.");
        return Fields(form.QuerySelectorAll("input, textarea").Concat(document.QuerySelectorAll($"[form='{EditorFormPost.FormId}']")));
    }

    /// <summary>The merge form of a 409 answer.</summary>
    /// <summary>The form of the page that answers a save not applied: the merge form (conflict) or the send-again form (not saved).</summary>
    public static Dictionary<string, string> OfConflictPage(string html)
    {
        var form = new HtmlParser().ParseDocument(html).QuerySelector("[data-testid=conflict] form, [data-testid=not-saved] form") ?? throw new InvalidOperationException("No merge form.");
        return Fields(form.QuerySelectorAll("input, textarea"));
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string slug, string language, Dictionary<string, string> fields) =>
        client.PostAsync(EditorFormPost.PathFor(slug, language), new FormUrlEncodedContent(fields));

    private static Dictionary<string, string> Fields(IEnumerable<AngleSharp.Dom.IElement> elements)
    {
        var fields = new Dictionary<string, string>();
        foreach (var element in elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name, Type: not ("submit" or "button") } input:
                    fields[name] = input.Value;
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    fields[name] = area.Value;
                    break;
            }
        }
        return fields;
    }
}
