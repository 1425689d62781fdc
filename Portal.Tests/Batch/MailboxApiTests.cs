using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Batch;
using Portal.Tests.Support;

namespace Portal.Tests.Batch;

/// <summary>POST /api/analyze/batch through the real HTTP pipeline: the NDJSON stream, error lines, and the same report as one message gets.</summary>
public sealed class MailboxApiTests : IClassFixture<MailboxApiTests.Api>
{
    public sealed class Api : PortalFactory
    {
        public Api() => Settings["Portal:Upload:RateLimit:PermitLimit"] = "1000000";
    }

    private readonly Api api;

    public MailboxApiTests(Api api) => this.api = api;

    public static ByteArrayContent Body(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    /// <summary>Reads the answer line by line as it streams, the way a client of the API would.</summary>
    public static async Task<List<JsonObject>> LinesAsync(HttpClient client, HttpContent body, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, MailboxApi.Route + query) { Content = body };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MailboxJsonLines.MediaType, response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var lines = new List<JsonObject>();
        while (await reader.ReadLineAsync() is { } line)
            lines.Add(JsonNode.Parse(line)!.AsObject());
        return lines;
    }

    [Fact]
    public async Task Mbox_of_the_generated_corpus_streams_one_line_per_message_then_the_counts()
    {
        var lines = await LinesAsync(api.CreateClient(), Body(File.ReadAllBytes(MailboxSamples.GeneratedCorpusMbox), "application/mbox"));
        var count = MailboxSamples.GeneratedCorpusFiles.Count;
        Assert.Equal(count + 1, lines.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal("message", (string?)lines[i]["type"]);
            Assert.Equal(i, (int?)lines[i]["index"]);
            Assert.Equal((string?)lines[i]["report"]!["subject"], (string?)lines[i]["summary"]!["subject"]);
            Assert.Equal((string?)lines[i]["report"]!["encryption"]!["kind"], (string?)lines[i]["summary"]!["encryption"]);
        }
        var end = lines[^1];
        Assert.Equal("end", (string?)end["type"]);
        Assert.Equal(count, (int?)end["messages"]);
        Assert.Equal(count, (int?)end["analyzed"]);
        Assert.Equal(0, (int?)end["failed"]);
        // The corpus has messages encrypted for others' keys, and the row names who holds them.
        Assert.Contains(lines.Take(count), l => (bool?)l["summary"]!["encryptedForSomeoneElse"] == true && l["summary"]!["keyHolders"]!.AsArray().Count > 0);
        Assert.Contains(lines.Take(count), l => (string?)l["summary"]!["relay"] is not null);
    }

    [Fact]
    public async Task Each_report_line_is_what_the_single_message_api_answers()
    {
        var client = api.CreateClient();
        var lines = await LinesAsync(client, Body(File.ReadAllBytes(MailboxSamples.FormailMbox), "application/mbox"), "?lang=fr");
        using var mailbox = Mailbox.Open(File.ReadAllBytes(MailboxSamples.FormailMbox), new Portal.Hosting.MailboxLimits()).Mailbox!;
        for (var i = 0; i < mailbox.Count; i++)
        {
            using var single = await client.PostAsync("/api/analyze?lang=fr", Body(mailbox.Read(i).Data.ToArray(), "message/rfc822"));
            Assert.Equal(HttpStatusCode.OK, single.StatusCode);
            var expected = JsonNode.Parse(await single.Content.ReadAsStringAsync());
            Assert.True(JsonNode.DeepEquals(expected, lines[i]["report"]), $"message {i} differs from its single-message report");
        }
        Assert.Equal("fr", (string?)lines[0]["report"]!["language"]);
    }

    [Fact]
    public async Task Zip_lines_name_their_file_and_a_file_that_is_not_an_email_is_an_error_line()
    {
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var zip = MailboxSamples.Zip(MailboxSamples.Eml("relay/duckduckgo.eml"), ("scan.eml", png, CompressionLevel.Optimal),
            MailboxSamples.Eml("smime/enveloped-rsa-1recip-aes256cbc.eml"));
        var lines = await LinesAsync(api.CreateClient(), Body(zip, "application/zip"), "?lang=de");

        Assert.Equal(["duckduckgo.eml", "scan.eml", "enveloped-rsa-1recip-aes256cbc.eml", null], lines.Select(l => (string?)l["name"]));
        Assert.Equal(["message", "error", "message", "end"], lines.Select(l => (string?)l["type"]));
        var error = lines[1]["error"]!;
        Assert.Equal("not-an-email", (string?)error["code"]);
        Assert.Equal("Das ist keine E-Mail", (string?)error["title"]);
        Assert.Equal(2, (int?)lines[^1]["analyzed"]);
        Assert.Equal(1, (int?)lines[^1]["failed"]);
    }

    [Fact]
    public async Task A_multipart_form_with_the_mailbox_file_is_read_like_a_raw_body()
    {
        using var form = new MultipartFormDataContent();
        form.Add(Body(File.ReadAllBytes(MailboxSamples.FormailMbox), "application/mbox"), "file", "inbox.mbox");
        var lines = await LinesAsync(api.CreateClient(), form);
        Assert.Equal(4, lines.Count);
        Assert.Equal(3, (int?)lines[^1]["analyzed"]);
    }

    [Fact]
    public async Task A_single_message_is_refused_as_not_a_mailbox()
    {
        using var response = await api.CreateClient().PostAsync(MailboxApi.Route + "?lang=es",
            Body(File.ReadAllBytes(Corpus.Generated("relay/addy.eml")), "application/mbox"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("not-a-mailbox", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("Esto no es un buzón", problem.RootElement.GetProperty("title").GetString());
    }
}
