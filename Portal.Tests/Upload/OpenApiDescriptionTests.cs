using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Support;
using Portal.Upload;

namespace Portal.Tests.Upload;

/// <summary>
/// The generated /openapi.json is valid OpenAPI 3, stays as committed (openapi.snapshot.json), and says what the
/// endpoint really does: paths, media types, statuses and fields.
/// </summary>
public sealed class OpenApiDescriptionTests : IClassFixture<AnalyzeApiTests.Api>
{
    private readonly AnalyzeApiTests.Api api;

    public OpenApiDescriptionTests(AnalyzeApiTests.Api api) => this.api = api;

    private static readonly string SnapshotFile = Path.Combine(RepositoryPaths.Root, "Portal.Tests", "Upload", "openapi.snapshot.json");

    [Fact]
    public async Task The_document_is_valid_OpenAPI_3()
    {
        using var response = await api.CreateClient().GetAsync(AnalyzeApiDescription.DocumentPath);
        var text = await response.Content.ReadAsStringAsync();
        var read = Microsoft.OpenApi.OpenApiDocument.Parse(text, "json");

        Assert.NotNull(read.Document);
        Assert.Empty(read.Diagnostic!.Errors);
        Assert.Contains(read.Diagnostic.SpecificationVersion, new[] { Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_0, Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1 });
        Assert.Equal("AnalyzeEmail", read.Document!.Paths[AnalyzeApi.Route].Operations![System.Net.Http.HttpMethod.Post].OperationId);
    }

    /// <summary>
    /// A change to the API's description is a change to its contract: review it, then refresh the snapshot with
    /// PORTAL_UPDATE_OPENAPI_SNAPSHOT=1 dotnet test --filter OpenApiDescriptionTests.
    /// </summary>
    [Fact]
    public async Task The_document_matches_the_committed_snapshot()
    {
        using var response = await api.CreateClient().GetAsync(AnalyzeApiDescription.DocumentPath);
        var actual = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";
        if (Environment.GetEnvironmentVariable("PORTAL_UPDATE_OPENAPI_SNAPSHOT") == "1")
            await File.WriteAllTextAsync(SnapshotFile, actual);

        Assert.True(File.Exists(SnapshotFile), $"{SnapshotFile} is missing");
        var expected = (await File.ReadAllTextAsync(SnapshotFile)).ReplaceLineEndings("\n");
        Assert.True(expected == actual,
            "The generated OpenAPI document differs from Portal.Tests/Upload/openapi.snapshot.json. If the change is intended, " +
            "refresh it with PORTAL_UPDATE_OPENAPI_SNAPSHOT=1 dotnet test --filter OpenApiDescriptionTests and commit it.");
    }

    [Fact]
    public async Task Every_api_route_is_described_and_every_described_path_exists()
    {
        var document = await DocumentAsync();
        var described = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order().ToList();
        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal) && !p.StartsWith(AnalyzeApiDescription.DocsPath, StringComparison.Ordinal))
            .Distinct().Order().ToList();

        Assert.Equal(mapped, described);
        Assert.Equal([AnalyzeApi.Route, Portal.Batch.MailboxApi.Route, "/api/search/open", "/api/search/suggest"], described);
    }

    [Fact]
    public async Task Described_statuses_are_exactly_the_ones_the_endpoint_answers()
    {
        var responses = Operation(await DocumentAsync()).GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name)).Order().ToList();
        var answered = Enum.GetValues<UploadRejection>().Select(r => r.StatusCode()).Append(200).Distinct().Order().ToList();
        Assert.Equal(answered, responses);

        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(AnalyzeApi.Route, Body("message/rfc822", Sample()))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(AnalyzeApi.Route, Body("message/rfc822", []))).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await client.PostAsync(AnalyzeApi.Route, Body("message/rfc822", new byte[AnalyzeApiTests.Api.MaxBytes + 1]))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostAsync(AnalyzeApi.Route, Body("image/png", Sample()))).StatusCode);
        // 429 is exercised by AnalyzeRateLimitTests, with a limit small enough to reach.
    }

    [Fact]
    public async Task Every_described_request_media_type_is_accepted()
    {
        var client = api.CreateClient();
        foreach (var mediaType in Operation(await DocumentAsync()).GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(c => c.Name))
        {
            HttpContent content = mediaType == "multipart/form-data"
                ? new MultipartFormDataContent { { new ByteArrayContent(Sample()), "file", "sample.eml" } }
                : Body(mediaType, Sample());
            using var response = await client.PostAsync(AnalyzeApi.Route, content);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{mediaType}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Problem_codes_are_exactly_the_rejections()
    {
        var codes = Schema(await DocumentAsync(), "ProblemDetails").GetProperty("properties").GetProperty("code").GetProperty("enum")
            .EnumerateArray().Select(c => c.GetString()!).Order().ToList();
        Assert.Equal(Enum.GetValues<UploadRejection>().Select(r => r.Code()).Order().ToList(), codes);
    }

    [Fact]
    public async Task Described_fields_match_a_real_answer()
    {
        var document = await DocumentAsync();
        using var smime = await AnalyzeAsync(Corpus.Generated("smime/enveloped-2recip-rsa+ec-aes256cbc.eml"));
        using var route = await AnalyzeAsync(Corpus.Generated("received/postfix.eml"));
        using var damaged = await AnalyzeAsync(System.Text.Encoding.ASCII.GetBytes("no header here\r\n\r\nbody"));

        AssertSameFields(document, "AnalysisReport", smime.RootElement);
        AssertSameFields(document, "Finding", smime.RootElement.GetProperty("findings")[0]);
        AssertSameFields(document, "Evidence", smime.RootElement.GetProperty("findings")[0].GetProperty("evidence")[0]);
        AssertSameFields(document, "RecipientEntry", smime.RootElement.GetProperty("encryption").GetProperty("recipients")[0]);
        AssertSameFields(document, "MimeNode", smime.RootElement.GetProperty("mime"));
        AssertSameFields(document, "HopEntry", route.RootElement.GetProperty("transport").GetProperty("hops")[0]);
        AssertSameFields(document, "DefectEntry", damaged.RootElement.GetProperty("defects")[0]);
    }

    private static void AssertSameFields(JsonElement document, string schema, JsonElement real) =>
        Assert.Equal(
            real.EnumerateObject().Select(p => p.Name).Order().ToList(),
            Schema(document, schema).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToList());

    private async Task<JsonElement> DocumentAsync()
    {
        using var response = await api.CreateClient().GetAsync(AnalyzeApiDescription.DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<JsonDocument> AnalyzeAsync(string file) => await AnalyzeAsync(await File.ReadAllBytesAsync(file));

    private async Task<JsonDocument> AnalyzeAsync(byte[] message)
    {
        using var response = await api.CreateClient().PostAsync(AnalyzeApi.Route, Body("message/rfc822", message));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static JsonElement Operation(JsonElement document) => document.GetProperty("paths").GetProperty(AnalyzeApi.Route).GetProperty("post");

    private static JsonElement Schema(JsonElement document, string name) => document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private static byte[] Sample() => File.ReadAllBytes(Corpus.Generated("relay/firefox-relay.eml"));

    private static ByteArrayContent Body(string mediaType, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }
}
