using System.Net;
using Portal.Admin;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>Its own app: the limiter counts per client address, and the other sign-in tests share one.</summary>
public sealed class SignInRateLimitTests : IClassFixture<SignInRateLimitTests.Site>
{
    public sealed class Site : PortalFactory;

    private readonly Site site;

    public SignInRateLimitTests(Site site) => this.site = site;

    [Fact]
    public async Task Guessing_passwords_fast_is_slowed_down_with_a_plain_localized_answer()
    {
        var client = site.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        HttpResponseMessage response;
        var attempts = 0;
        do
        {
            response = await client.PostAsync(AdminEndpoints.SessionPath, new FormUrlEncodedContent(
                new Dictionary<string, string> { ["email"] = "someone@example.test", ["password"] = "guess " + attempts }));
            attempts++;
        }
        while (response.StatusCode != HttpStatusCode.TooManyRequests && attempts < 100);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(attempts, 2, 31);
        Assert.DoesNotContain("application/problem+json", response.Content.Headers.ContentType?.ToString() ?? "");
        Assert.Equal("Zu viele Anfragen", await response.Content.ReadAsStringAsync());
    }
}
