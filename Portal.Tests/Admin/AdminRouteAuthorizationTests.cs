using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>Every /admin route, as the app itself lists them: a route added without protection fails here.</summary>
public sealed class AdminRouteAuthorizationTests : IClassFixture<PortalFactory>
{
    private static readonly string[] PublicAdminRoutes =
        [AdminRoles.SignInPath, AdminEndpoints.SessionPath, AdminRoles.SecondFactorPath, AdminEndpoints.SecondFactorSessionPath];
    private static readonly string[] AdminOnlyPrefixes = ["/admin/accounts", "/admin/audit", "/admin/catalogs"];

    private readonly PortalFactory factory;

    public AdminRouteAuthorizationTests(PortalFactory factory) => this.factory = factory;

    private IReadOnlyList<(string Method, string Path, string Template)> AdminRoutes()
    {
        _ = factory.Server;
        var routes = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("admin", StringComparison.Ordinal))
            .SelectMany(e =>
            {
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                var template = "/" + e.RoutePattern.RawText!.TrimStart('/');
                var method = methods.Contains("GET") ? "GET" : methods[0];
                return new[] { (method, Concrete(template), template) };
            })
            .Distinct()
            .ToArray();
        Assert.NotEmpty(routes);
        return routes;
    }

    private static string Concrete(string template) => template
        .Replace("{Slug}", "email-encryption-types").Replace("{Lang}", "de").Replace("{code}", "fr");

    [Fact]
    public void The_app_lists_the_admin_pages_and_endpoints_this_test_guards()
    {
        var templates = AdminRoutes().Select(r => r.Template).ToHashSet();
        foreach (var expected in new[] { "/admin", "/admin/articles/{Slug}/{Lang}", "/admin/accounts", "/admin/audit", "/admin/catalogs", AdminEndpoints.SignOutPath })
            Assert.Contains(expected, templates);
    }

    [Fact]
    public async Task Every_admin_route_sends_anonymous_visitors_to_sign_in()
    {
        var client = AdminTestSupport.Anonymous(factory);
        foreach (var (method, path, _) in AdminRoutes().Where(r => !PublicAdminRoutes.Contains(r.Template)))
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{method} {path} answered {(int)response.StatusCode} to an anonymous visitor");
            Assert.StartsWith(AdminRoles.SignInPath, response.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task Editors_get_403_on_accounts_audit_and_catalogs_but_reach_the_content_pages()
    {
        var editor = await AdminTestSupport.SignedInAsync(factory, AdminRole.Editor);
        foreach (var (method, path, template) in AdminRoutes().Where(r => r.Method == "GET" && !PublicAdminRoutes.Contains(r.Template)))
        {
            var response = await editor.GetAsync(path);
            if (AdminOnlyPrefixes.Any(template.StartsWith))
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"an Editor got {(int)response.StatusCode} from {path}");
            else
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"an Editor got {(int)response.StatusCode} from {path}");
        }
    }

    [Fact]
    public async Task Admins_reach_every_admin_page()
    {
        var admin = await AdminTestSupport.SignedInAsync(factory, AdminRole.Admin);
        foreach (var (_, path, _) in AdminRoutes().Where(r => r.Method == "GET" && !r.Template.Contains("language")))
        {
            var response = await admin.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"an Admin got {(int)response.StatusCode} from {path}");
        }
    }

    [Fact]
    public async Task The_sign_in_page_itself_is_open_and_carries_an_antiforgery_token()
    {
        var response = await AdminTestSupport.Anonymous(factory).GetAsync(AdminRoles.SignInPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_sign_in_post_without_antiforgery_token_is_refused()
    {
        var email = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Admin);
        var response = await AdminTestSupport.Anonymous(factory).PostAsync(AdminEndpoints.SessionPath, new FormUrlEncodedContent(
            new Dictionary<string, string> { ["email"] = email, ["password"] = AdminTestSupport.Password }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_http_only_and_same_site_strict()
    {
        var email = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Editor);
        var response = await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), email, AdminTestSupport.Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portal.admin=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
