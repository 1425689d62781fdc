using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portal.Tests.Support;

namespace Portal.Tests.Upload;

public sealed class AnalyzeRateLimitTests : IClassFixture<AnalyzeRateLimitTests.Api>
{
    public const int WindowSeconds = 2;

    public sealed class Api : PortalFactory
    {
        public Api()
        {
            Settings["Portal:Upload:RateLimit:PermitLimit"] = "2";
            Settings["Portal:Upload:RateLimit:WindowSeconds"] = WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private readonly Api api;

    public AnalyzeRateLimitTests(Api api) => this.api = api;

    [Fact]
    public async Task Over_the_limit_answers_429_with_retry_after_and_recovers_after_the_window()
    {
        var client = api.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostAsync("/api/analyze?lang=de", Message());
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                limited = response;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal("application/problem+json", limited!.Content.Headers.ContentType?.MediaType);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, WindowSeconds);
        using var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
        Assert.Equal("rate-limited", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("Zu viele Anfragen", problem.RootElement.GetProperty("title").GetString());

        await Task.Delay(TimeSpan.FromSeconds(WindowSeconds + 0.5));

        using var recovered = await client.PostAsync("/api/analyze", Message());
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }

    private static ByteArrayContent Message()
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("From: a@example.test\r\nSubject: hi\r\n\r\nbody\r\n"));
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        return content;
    }
}
