using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>The admin area's own language, its localized audit log and the page an Editor gets on an Admin-only page.</summary>
public sealed class AdminAreaPageTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory factory;

    public AdminAreaPageTests(PortalFactory factory) => this.factory = factory;

    [Fact]
    public async Task Reading_a_Spanish_article_leaves_the_admin_in_its_own_language()
    {
        var client = await AdminTestSupport.SignedInAsync(factory, AdminRole.Admin);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/es/")).StatusCode);
        var english = await client.GetStringAsync("/admin");
        Assert.Contains("<html lang=\"en\"", english);
        Assert.Contains("Articles and translations", english);

        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin/language/de")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/es/analyze")).StatusCode);
        var german = await client.GetStringAsync("/admin");
        Assert.Contains("<html lang=\"de\"", german);
        Assert.Contains("Artikel und Übersetzungen", german);
        // …and the readers' pages keep the readers' language.
        Assert.Contains("<html lang=\"es\"", await client.GetStringAsync("/es/"));
    }

    [Fact]
    public async Task The_audit_log_shows_actions_and_details_in_the_admins_language()
    {
        var client = await AdminTestSupport.SignedInAsync(factory, AdminRole.Admin);
        await factory.Services.GetRequiredService<AuditLog>().RecordAsync("ben@example.org", AuditActions.Restored,
            "some-article/de", AuditDetails.Restored(1, 3, published: true));
        await client.GetAsync("/admin/language/fr");

        var page = await client.GetStringAsync("/admin/audit");

        Assert.Contains("Révision restaurée", page);
        Assert.Contains("révision 1 restaurée comme révision 3 et publiée", page);
        Assert.Contains("Connexion", page); // the sign-in of this very client
        Assert.DoesNotContain(">restored<", page);
    }

    [Fact]
    public async Task The_audit_log_shows_the_client_address_of_each_sign_in()
    {
        var email = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Admin);
        var address = AdminTestSupport.NewAddress();
        var client = AdminTestSupport.Anonymous(factory, address);
        await AdminTestSupport.SignInAsync(client, email);

        var page = await client.GetStringAsync("/admin/audit");

        Assert.Contains(">IP address<", page);
        var cell = $"<span data-testid=\"audit-address\">{address}</span>";
        Assert.Contains(cell, page);
        var row = page[..page.IndexOf(cell, StringComparison.Ordinal)];
        var rowStart = row.LastIndexOf("<tr", StringComparison.Ordinal);
        Assert.Contains(email, row[rowStart..]);
        Assert.Contains("data-action=\"sign-in\"", row[rowStart..]);
    }

    [Fact]
    public async Task An_editor_on_an_admin_page_gets_a_403_page_with_links_back()
    {
        var client = await AdminTestSupport.SignedInAsync(factory, AdminRole.Editor);

        using var response = await client.GetAsync("/admin/accounts");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This page is for Admins only", page);
        Assert.Contains("href=\"/admin\"", page);
        Assert.Contains($"href=\"{AdminRoles.SignInPath}\"", page);
        Assert.Contains("data-testid=\"sign-out\"", page);
    }
}
