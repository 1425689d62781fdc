using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>Accounts and signed-in clients for the admin tests. Admins get an authenticator: the Admin pages need one.</summary>
public static partial class AdminTestSupport
{
    public const string Password = "correct horse battery staple";

    private static readonly ConcurrentDictionary<string, string> AuthenticatorKeys = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Dictionary<string, long> UsedSteps = new(StringComparer.OrdinalIgnoreCase);
    private static int nextAddress;

    public static Task<string> CreateAccountAsync(PortalFactory factory, AdminRole role, string? email = null) =>
        CreateAccountAsync(Services(factory), role, email);

    public static async Task<string> CreateAccountAsync(IServiceProvider services, AdminRole role, string? email = null)
    {
        email ??= $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        var result = await services.GetRequiredService<AccountService>().CreateAsync(email, Password, role);
        Assert.True(result.Succeeded, result.Problem.ToString());
        if (role == AdminRole.Admin)
            await AddAuthenticatorAsync(services, email);
        return email;
    }

    /// <summary>Turns on two-factor sign-in the way the setup page does, and remembers the key as a phone app would.</summary>
    public static async Task<string> AddAuthenticatorAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminAccount>>();
        var account = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(account);
        var key = (await users.GetAuthenticatorKeyAsync(account))!;
        await users.SetTwoFactorEnabledAsync(account, true);
        AuthenticatorKeys[email] = key;
        return key;
    }

    /// <summary>The code an authenticator app shows for this key now, or <paramref name="stepsAhead"/> 30-second steps later (RFC 6238, computed by Otp.NET).</summary>
    public static string CodeFor(string key, int stepsAhead = 0) => Totp(key).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * stepsAhead));

    public static string AuthenticatorKeyOf(string email) => AuthenticatorKeys[email];

    /// <summary>
    /// A code of a time step this account has not used yet: the portal accepts each step once, and tests sign one
    /// account in several times within 30 seconds. Steps up to two ahead of now are accepted; past that, this waits.
    /// </summary>
    public static async Task<string> CodeForAccountAsync(string email)
    {
        long step;
        lock (UsedSteps)
        {
            var now = StepOf(DateTime.UtcNow);
            step = UsedSteps.TryGetValue(email, out var used) ? Math.Max(now, used + 1) : now;
            UsedSteps[email] = step;
        }
        var acceptedFrom = DateTime.UnixEpoch.AddSeconds((step - 2) * 30);
        if (acceptedFrom > DateTime.UtcNow)
            await Task.Delay(acceptedFrom - DateTime.UtcNow + TimeSpan.FromMilliseconds(100));
        return Totp(AuthenticatorKeys[email]).ComputeTotp(DateTime.UnixEpoch.AddSeconds(step * 30));
    }

    private static long StepOf(DateTime utc) => (long)(utc - DateTime.UnixEpoch).TotalSeconds / 30;

    private static Totp Totp(string key) => new(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal)));

    public static IServiceProvider Services(PortalFactory factory) => factory is LivePortal live ? live.AppServices : factory.Services;

    /// <summary>A fresh client with an address of its own (TEST-NET-2), as a separate visitor behind the proxy.</summary>
    public static HttpClient Anonymous(PortalFactory factory, string? address = null)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address ?? NewAddress());
        return client;
    }

    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref nextAddress);
        return $"198.51.{100 + n / 250 % 100}.{1 + n % 250}";
    }

    /// <summary>Signs in the way a browser does: the sign-in page's antiforgery token, then the form POST.</summary>
    public static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string email, string password) =>
        await PostFormAsync(client, AdminRoles.SignInPath, AdminEndpoints.SessionPath, new()
        {
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = "/admin",
        });

    /// <summary>The second step's form: an authenticator code or a recovery code.</summary>
    public static async Task<HttpResponseMessage> PostSecondFactorAsync(HttpClient client, string code) =>
        await PostFormAsync(client, AdminRoles.SecondFactorPath, AdminEndpoints.SecondFactorSessionPath, new()
        {
            ["code"] = code,
            ["returnUrl"] = "/admin",
        });

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(client, page);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var token = TokenPattern().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"{page} has no antiforgery token");
        return WebUtility.HtmlDecode(token);
    }

    /// <summary>Password, then (for an account with an authenticator) the code; asserts the session started.</summary>
    public static async Task SignInAsync(HttpClient client, string email)
    {
        var response = await PostSignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location?.OriginalString.StartsWith(AdminRoles.SecondFactorPath, StringComparison.Ordinal) == true)
            response = await PostSecondFactorAsync(client, await CodeForAccountAsync(email));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
    }

    public static async Task<HttpClient> SignedInAsync(PortalFactory factory, AdminRole role)
    {
        var email = await CreateAccountAsync(factory, role);
        var client = Anonymous(factory);
        await SignInAsync(client, email);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
