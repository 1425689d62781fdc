using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>Accounts and signed-in clients for the admin tests.</summary>
public static partial class AdminTestSupport
{
    public const string Password = "correct horse battery staple";

    public static Task<string> CreateAccountAsync(PortalFactory factory, AdminRole role, string? email = null) =>
        CreateAccountAsync(factory is LivePortal live ? live.AppServices : factory.Services, role, email);

    public static async Task<string> CreateAccountAsync(IServiceProvider services, AdminRole role, string? email = null)
    {
        email ??= $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        var result = await services.GetRequiredService<AccountService>().CreateAsync(email, Password, role);
        Assert.True(result.Succeeded, result.Problem.ToString());
        return email;
    }

    public static HttpClient Anonymous(PortalFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Signs in the way a browser does: the sign-in page's antiforgery token, then the form POST.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync(AdminRoles.SignInPath);
        var token = TokenPattern().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the sign-in page has no antiforgery token");
        return await client.PostAsync(AdminEndpoints.SessionPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = "/admin",
        }));
    }

    public static async Task<HttpClient> SignedInAsync(PortalFactory factory, AdminRole role)
    {
        var email = await CreateAccountAsync(factory, role);
        var client = Anonymous(factory);
        var response = await PostSignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
