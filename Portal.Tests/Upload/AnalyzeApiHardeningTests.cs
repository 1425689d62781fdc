using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Analysis;
using Portal.Analysis.Catalogs;
using Portal.Mime;
using Portal.Tests.Support;
using Portal.Upload;

namespace Portal.Tests.Upload;

/// <summary>
/// The API attacked as an outsider would, through the real pipeline: small emails that cost minutes, messages at the
/// parser's limits, UTF-7, huge headers, malformed HTTP and an analysis that throws. Each answers quickly with a
/// report or a problem+json, never a 500 page or a hang.
/// </summary>
public sealed class AnalyzeApiHardeningTests : IClassFixture<AnalyzeApiHardeningTests.Api>
{
    public sealed class Api : PortalFactory
    {
        public Api() => Settings["Portal:Upload:RateLimit:PermitLimit"] = "1000000";
    }

    private readonly Api api;

    public AnalyzeApiHardeningTests(Api api) => this.api = api;

    [Theory]
    [InlineData("openpgp")]
    [InlineData("cms")]
    public async Task A_compression_fan_out_is_answered_with_the_budget_defect(string kind)
    {
        var message = kind == "openpgp" ? HostileMessages.OpenPgpCompressionFanOut() : HostileMessages.CmsCompressionFanOut();
        var watch = Stopwatch.StartNew();
        using var report = await AnalyzeAsync(message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{watch.Elapsed.TotalSeconds:F1} s");
        var defect = report.RootElement.GetProperty("defects").EnumerateArray().Single(d => d.GetProperty("code").GetString() == AnalysisDefects.Stopped);
        Assert.StartsWith("analysis stopped early: ", defect.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_utf7_message_is_analyzed()
    {
        using var report = await AnalyzeAsync(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "hostile", "utf7-subject-and-body.eml")));
        Assert.Equal("Grüße aus Köln – 東京 ☃Ärger", report.RootElement.GetProperty("subject").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Messages_nested_to_the_depth_limit_and_past_it_are_analyzed(int pastTheLimit)
    {
        var levels = MimeParserOptions.Default.MaxDepth + pastTheLimit;
        using var multipart = await AnalyzeAsync(DeepMessages.NestedMultipart(levels));
        using var rfc822 = await AnalyzeAsync(DeepMessages.NestedRfc822(levels));
        Assert.Equal(JsonValueKind.Object, rfc822.RootElement.GetProperty("mime").ValueKind);
    }

    [Fact]
    public async Task A_16_MB_received_header_makes_an_answer_under_a_megabyte()
    {
        var response = await api.CreateClient().PostAsync(AnalyzeApi.Route, Raw(DeepMessages.HugeReceived(16 * 1024 * 1024)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(body.Length < 1024 * 1024, $"{body.Length} bytes");
        Assert.Contains("truncated from", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task A_bad_chunk_is_answered_400_problem_json()
    {
        await using var live = new LivePortal();
        var (status, headers, body) = await RawRequestAsync(live, async stream =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST {AnalyzeApi.Route} HTTP/1.1\r\nHost: localhost\r\nContent-Type: message/rfc822\r\nTransfer-Encoding: chunked\r\n\r\n" +
                "5\r\nFrom:\r\nzz\r\nnot a chunk\r\n0\r\n\r\n"));
        });
        Assert.Equal(400, status);
        Assert.Contains("application/problem+json", headers);
        Assert.Equal("bad-request", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_body_slower_than_the_minimum_rate_is_answered_408_problem_json()
    {
        await using var live = new SlowBodyPortal();
        var (status, headers, body) = await RawRequestAsync(live, async stream =>
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST {AnalyzeApi.Route} HTTP/1.1\r\nHost: localhost\r\nContent-Type: message/rfc822\r\nContent-Length: 100000\r\n\r\nFrom: a@example.test\r\n"));
            await Task.Delay(TimeSpan.FromSeconds(3)); // far under 1000 bytes a second after the one-second grace period
        });
        Assert.Equal(408, status);
        Assert.Contains("application/problem+json", headers);
        Assert.Equal("request-timeout", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
        Assert.Single(live.Logs.Entries, e => e.Category == typeof(Portal.Hosting.BadRequestHandling).FullName && e.Exception is null);
    }

    [Fact]
    public async Task An_exception_that_escapes_the_analysis_is_problem_json_and_logged_without_the_content()
    {
        await using var failing = new FailingAnalyzerPortal();
        var secret = "Subject: the-secret-subject-" + Guid.NewGuid().ToString("N") + "\r\n\r\nbody\r\n";
        var response = await failing.CreateClient().PostAsync(AnalyzeApi.Route + "?lang=fr", Raw(Encoding.ASCII.GetBytes(secret)));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("analysis-failed", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("Le message n’a pas pu être analysé", problem.RootElement.GetProperty("title").GetString());

        var logged = Assert.Single(failing.Logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains($"{secret.Length} bytes", logged.Message);
        Assert.Matches("SHA-256 [0-9a-f]{64}", logged.Message);
        Assert.DoesNotContain(failing.Logs.Entries, e => e.Message.Contains("the-secret-subject", StringComparison.Ordinal));
    }

    /// <summary>Sends a raw request on a socket (HttpClient would not send a broken body) and reads the answer.</summary>
    private static async Task<(int Status, string Headers, string Body)> RawRequestAsync(LivePortal live, Func<NetworkStream, Task> send)
    {
        var uri = new Uri(live.BaseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        await send(stream);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var answer = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        try
        {
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
                var text = Encoding.UTF8.GetString(answer.ToArray());
                var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (end > 0 && text.IndexOf("Content-Length: ", StringComparison.OrdinalIgnoreCase) is var at and > 0
                    && int.Parse(text[(at + 16)..text.IndexOf("\r\n", at, StringComparison.Ordinal)]) is var length
                    && answer.Length >= end + 4 + length)
                    break;
            }
        }
        catch (IOException) { } // the server may close the connection after answering a broken request
        var all = Encoding.UTF8.GetString(answer.ToArray());
        var split = all.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split > 0, $"no HTTP answer: {all}");
        var head = all[..split];
        var payload = all[(split + 4)..];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
            payload = Unchunk(payload);
        return (int.Parse(head.Split(' ')[1]), head, payload);
    }

    private static string Unchunk(string chunked)
    {
        var output = new StringBuilder();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            var size = Convert.ToInt32(chunked[position..lineEnd], 16);
            if (size == 0)
                break;
            output.Append(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
        }
        return output.ToString();
    }

    private async Task<JsonDocument> AnalyzeAsync(byte[] message)
    {
        using var response = await api.CreateClient().PostAsync(AnalyzeApi.Route, Raw(message));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body[..Math.Min(500, body.Length)]}");
        return JsonDocument.Parse(body);
    }

    public static ByteArrayContent Raw(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        return content;
    }

    /// <summary>Kestrel with a minimum body rate that a test can fall under in seconds rather than minutes.</summary>
    private sealed class SlowBodyPortal : LivePortal
    {
        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
            builder.ConfigureServices(services => services.Configure<KestrelServerOptions>(kestrel =>
                kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 1000, gracePeriod: TimeSpan.FromSeconds(1.1))));
        }
    }

    /// <summary>The app with a detector that throws what no detector should, to reach the one catch for escaping exceptions.</summary>
    private sealed class FailingAnalyzerPortal : PortalFactory
    {
        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
            builder.ConfigureServices(services => services.AddSingleton(sp =>
                new EmailAnalyzer(sp.GetRequiredService<IAnalysisCatalogs>(), [new ThrowingDetector()])));
        }

        private sealed class ThrowingDetector : IAnalysisDetector
        {
            public void Analyze(AnalysisContext context) =>
                throw new InvalidOperationException("detector bug while reading " + context.Message.Headers.GetValue("Subject"));
        }
    }
}
