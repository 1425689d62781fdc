using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Admin;
using Portal.Tests.Support;

namespace Portal.Tests.Hosting;

/// <summary>
/// Behind a TLS-terminating proxy on Kestrel (loopback stands for the proxy): forwarded headers count only from a
/// configured proxy, and absolute URLs come from the configured public base URL, never from the Host header.
/// </summary>
public sealed class ProxyAndPublicUrlTests
{
    private static async Task<HttpResponseMessage> SignInThroughProxyAsync(LivePortal portal, string email, string proto, string clientAddress)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(portal.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", proto);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return await AdminTestSupport.PostSignInAsync(client, email, AdminTestSupport.Password);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_the_session_cookie_is_secure_and_the_audit_log_has_the_client_address()
    {
        using var portal = new LivePortal();
        var email = await AdminTestSupport.CreateAccountAsync(portal, AdminRole.Editor);
        var signIn = await SignInThroughProxyAsync(portal, email, "https", "203.0.113.7");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.admin=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);

        var audit = await portal.AppServices.GetRequiredService<AuditLog>().NewestAsync();
        Assert.Contains(audit, e => e is { Action: AuditActions.SignIn, Address: "203.0.113.7" } && e.Actor == email);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_configured_proxy_are_ignored()
    {
        using var portal = new LivePortal();
        portal.Settings["Portal:Proxy:KnownProxies:0"] = "192.0.2.254";
        var email = await AdminTestSupport.CreateAccountAsync(portal, AdminRole.Editor);
        var signIn = await SignInThroughProxyAsync(portal, email, "https", "203.0.113.8");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.admin=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);

        var audit = await portal.AppServices.GetRequiredService<AuditLog>().NewestAsync();
        Assert.Contains(audit, e => e is { Action: AuditActions.SignIn, Address: "127.0.0.1" } && e.Actor == email);
        Assert.DoesNotContain(audit, e => e.Address == "203.0.113.8");
    }

    [Fact]
    public async Task The_sign_in_rate_limit_counts_each_forwarded_client_separately()
    {
        using var factory = new PortalFactory();
        var first = AdminTestSupport.Anonymous(factory, "203.0.113.20");
        HttpStatusCode status;
        var posts = 0;
        do
        {
            status = (await first.PostAsync(AdminEndpoints.SessionPath, new FormUrlEncodedContent([]))).StatusCode;
            posts++;
        }
        while (status != HttpStatusCode.TooManyRequests && posts < 100);
        Assert.Equal(31, posts);

        var second = AdminTestSupport.Anonymous(factory, "203.0.113.21");
        Assert.Equal(HttpStatusCode.BadRequest, (await second.PostAsync(AdminEndpoints.SessionPath, new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task Sitemap_and_alternate_links_use_the_public_base_url_and_other_hosts_are_refused()
    {
        using var factory = new PortalFactory();
        factory.Settings["Portal:PublicBaseUrl"] = "https://help.example.org/";
        var client = factory.CreateClient(new() { BaseAddress = new Uri("http://help.example.org"), AllowAutoRedirect = false });

        var sitemap = XDocument.Parse(await client.GetStringAsync("/sitemap.xml"));
        var locations = sitemap.Descendants().Where(e => e.Name.LocalName is "loc").Select(e => e.Value).ToList();
        Assert.NotEmpty(locations);
        Assert.All(locations, url => Assert.StartsWith("https://help.example.org/", url));
        Assert.Contains("href=\"https://help.example.org/de/\"", await client.GetStringAsync("/en/"));

        var forged = factory.CreateClient(new() { BaseAddress = new Uri("http://attacker.example"), AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.BadRequest, (await forged.GetAsync("/sitemap.xml")).StatusCode);
    }
}
