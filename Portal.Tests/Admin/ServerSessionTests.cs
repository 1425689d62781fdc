using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>Sessions live on the server: ending one is immediate for every copy of its cookie.</summary>
public sealed class ServerSessionTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory factory;

    public ServerSessionTests(PortalFactory factory) => this.factory = factory;

    private static string SessionCookie(HttpResponseMessage signIn) =>
        signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.admin=", StringComparison.Ordinal)).Split(';')[0];

    private HttpClient WithCookie(string cookie)
    {
        var client = AdminTestSupport.Anonymous(factory);
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private async Task<(string Email, string Cookie, HttpClient Client)> SignInAsync()
    {
        var email = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Editor);
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", AdminTestSupport.NewAddress());
        var page = await client.GetAsync(AdminRoles.SignInPath);
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").First().Split(';')[0];
        var html = await page.Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        using var request = new HttpRequestMessage(HttpMethod.Post, AdminEndpoints.SessionPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["email"] = email, ["password"] = AdminTestSupport.Password, ["returnUrl"] = "/admin",
            }),
        };
        request.Headers.Add("Cookie", antiforgeryCookie);
        var signIn = await client.SendAsync(request);
        Assert.Equal("/admin", signIn.Headers.Location?.OriginalString);
        var cookie = SessionCookie(signIn);
        return (email, cookie, WithCookie(cookie + "; " + antiforgeryCookie));
    }

    [Fact]
    public async Task A_copy_of_the_cookie_taken_before_sign_out_no_longer_opens_anything()
    {
        var (_, cookie, browser) = await SignInAsync();
        var copy = WithCookie(cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/admin")).StatusCode);

        var signOut = await browser.PostAsync(AdminEndpoints.SignOutPath, new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = await AdminTestSupport.TokenAsync(browser, "/admin") }));
        Assert.Equal(AdminRoles.SignInPath, signOut.Headers.Location?.OriginalString);

        var afterwards = await copy.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.StartsWith(AdminRoles.SignInPath, afterwards.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Disabling_or_a_password_change_ends_every_session_of_the_account_at_once()
    {
        var (email, firstCookie, _) = await SignInAsync();
        var first = WithCookie(firstCookie);
        var second = AdminTestSupport.Anonymous(factory);
        await AdminTestSupport.SignInAsync(second, email);
        var id = (await factory.Services.GetRequiredService<AccountAdministration>().FindIdAsync(email))!.Value;
        var sessions = factory.Services.GetRequiredService<SessionStore>();
        Assert.Equal(2, await sessions.CountAsync(id));

        var administration = factory.Services.GetRequiredService<AccountAdministration>();
        Assert.Equal((AccountProblem.None, PasswordProblem.None), await administration.ResetPasswordAsync(id, "another long passphrase", "head@example.org"));
        Assert.Equal(0, await sessions.CountAsync(id));
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/admin")).StatusCode);

        var third = AdminTestSupport.Anonymous(factory);
        Assert.Equal("/admin", (await AdminTestSupport.PostSignInAsync(third, email, "another long passphrase")).Headers.Location?.OriginalString);
        Assert.Equal(AccountProblem.None, await administration.SetDisabledAsync(id, true, "head@example.org"));
        Assert.Equal(HttpStatusCode.Redirect, (await third.GetAsync("/admin")).StatusCode);
        Assert.Equal(0, await sessions.CountAsync(id));
    }

    [Fact]
    public async Task An_open_interactive_page_learns_that_its_session_has_ended()
    {
        var (email, _, _) = await SignInAsync();
        var id = (await factory.Services.GetRequiredService<AccountAdministration>().FindIdAsync(email))!.Value;
        await using var db = await factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var stored = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Sessions, s => s.AccountId == id);
        var user = Microsoft.AspNetCore.Authentication.TicketSerializer.Default.Deserialize(stored.Ticket)!.Principal;
        Assert.Equal(email, user.Identity!.Name);

        var sessions = factory.Services.GetRequiredService<SessionStore>();
        Assert.True(await sessions.IsActiveAsync(user));
        await factory.Services.GetRequiredService<AccountAdministration>().ChangeRoleAsync(id, AdminRole.Admin, "head@example.org");
        Assert.False(await sessions.IsActiveAsync(user));
    }
}
