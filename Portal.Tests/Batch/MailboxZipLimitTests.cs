using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Articles;
using Portal.Batch;
using Portal.Tests.Support;
using Portal.Upload;

namespace Portal.Tests.Batch;

/// <summary>
/// Zips that break a limit, made here with System.IO.Compression: each is one localized problem+json answer, at once,
/// naming the file that broke it; none is a 500 or a hang.
/// </summary>
public sealed class MailboxZipLimitTests : IClassFixture<MailboxZipLimitTests.Api>
{
    public const int MaxMessages = 20;
    public const long MaxEntryBytes = 4 * 1024 * 1024, MaxInflatedBytes = 6 * 1024 * 1024;

    public sealed class Api : PortalFactory
    {
        public Api()
        {
            Settings["Portal:Upload:RateLimit:PermitLimit"] = "1000000";
            Settings["Portal:Upload:Mailbox:MaxMessages"] = MaxMessages.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Settings["Portal:Upload:Mailbox:MaxEntryBytes"] = MaxEntryBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Settings["Portal:Upload:Mailbox:MaxInflatedBytes"] = MaxInflatedBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Settings["Portal:Upload:Mailbox:MaxCompressionRatio"] = "100";
        }
    }

    private readonly Api api;

    public MailboxZipLimitTests(Api api) => this.api = api;

    private static readonly byte[] Message = File.ReadAllBytes(Corpus.Generated("relay/firefox-relay.eml"));

    /// <summary>A message padded with a text body to the given size, so that it is a real message of that size.</summary>
    private static byte[] MessageOfSize(long size)
    {
        var padded = new byte[size];
        Message.CopyTo(padded, 0);
        var random = new Random(15);
        for (var i = Message.Length; i < size; i++)
            padded[i] = (i % 77 == 76) ? (byte)'\n' : (byte)('a' + random.Next(26));
        return padded;
    }

    private async Task<JsonElement> RefusedAsync(byte[] zip, HttpStatusCode status, string code, UploadRejection rejection)
    {
        var watch = Stopwatch.StartNew();
        using var response = await api.CreateClient().PostAsync(MailboxApi.Route + "?lang=ja", MailboxApiTests.Body(zip, "application/zip"));
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = problem.RootElement.Clone();
        Assert.Equal(code, root.GetProperty("code").GetString());
        var problems = api.Services.GetRequiredService<UploadProblems>();
        var japanese = Languages.Get("ja");
        Assert.Equal(problems.Title(rejection, japanese), root.GetProperty("title").GetString());
        Assert.Equal(problems.Detail(rejection, japanese), root.GetProperty("detail").GetString());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        return root;
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_by_its_compression_ratio()
    {
        // 5 MB of zeros deflate to about 5 KB: a ratio near 1000.
        var zip = MailboxSamples.Zip(("ok.eml", Message, CompressionLevel.Optimal), ("bomb.eml", new byte[3 * 1024 * 1024], CompressionLevel.SmallestSize));
        Assert.True(zip.Length < 64 * 1024);
        var problem = await RefusedAsync(zip, HttpStatusCode.BadRequest, "archive-ratio", UploadRejection.CompressionRatio);
        Assert.Equal("bomb.eml", problem.GetProperty("entry").GetString());
        Assert.Contains("100", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_archive_inside_the_zip_is_refused_by_name()
    {
        var inner = MailboxSamples.Zip(("inner.eml", Message, CompressionLevel.Optimal));
        var zip = MailboxSamples.Zip(("ok.eml", Message, CompressionLevel.Optimal), ("more/inner.zip", inner, CompressionLevel.Optimal));
        var problem = await RefusedAsync(zip, HttpStatusCode.BadRequest, "archive-nested", UploadRejection.NestedArchive);
        Assert.Equal("more/inner.zip", problem.GetProperty("entry").GetString());
    }

    [Fact]
    public async Task An_archive_renamed_to_eml_is_refused_by_its_first_bytes()
    {
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(Message);
        var zip = MailboxSamples.Zip(("ok.eml", Message, CompressionLevel.Optimal), ("renamed.eml", gzipped.ToArray(), CompressionLevel.NoCompression));
        var problem = await RefusedAsync(zip, HttpStatusCode.BadRequest, "archive-nested", UploadRejection.NestedArchive);
        Assert.Equal("renamed.eml", problem.GetProperty("entry").GetString());
    }

    /// <summary>Just over the limit is counted file by file; far over it is refused from the zip's end record, before its directory is read.</summary>
    [Theory]
    [InlineData(MaxMessages + 1)]
    [InlineData(2 * MaxMessages + 1_001)]
    public async Task Too_many_files_are_refused(int files)
    {
        var zip = MailboxSamples.Zip(Enumerable.Range(0, files).Select(i => ($"{i:D4}.eml", Message, CompressionLevel.Fastest)).ToArray());
        var problem = await RefusedAsync(zip, HttpStatusCode.RequestEntityTooLarge, "too-many-messages", UploadRejection.TooManyMessages);
        Assert.Contains(MaxMessages.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task One_file_larger_than_the_entry_limit_is_refused()
    {
        var zip = MailboxSamples.Zip(("ok.eml", Message, CompressionLevel.Optimal), ("large.eml", MessageOfSize(MaxEntryBytes + 1), CompressionLevel.Fastest));
        var problem = await RefusedAsync(zip, HttpStatusCode.RequestEntityTooLarge, "archive-entry-too-large", UploadRejection.ArchiveEntryTooLarge);
        Assert.Equal("large.eml", problem.GetProperty("entry").GetString());
    }

    [Fact]
    public async Task Files_that_inflate_past_the_total_limit_are_refused()
    {
        var zip = MailboxSamples.Zip(("a.eml", MessageOfSize(3_500_000), CompressionLevel.Fastest), ("b.eml", MessageOfSize(3_500_000), CompressionLevel.Fastest));
        var problem = await RefusedAsync(zip, HttpStatusCode.RequestEntityTooLarge, "archive-too-large", UploadRejection.ArchiveTooLarge);
        Assert.Equal("b.eml", problem.GetProperty("entry").GetString());
    }

    [Fact]
    public async Task A_damaged_zip_is_refused()
    {
        var zip = MailboxSamples.Zip(("a.eml", Message, CompressionLevel.Optimal), ("b.eml", Message, CompressionLevel.Optimal));
        // Cut off the central directory: the local headers are there, the directory a reader needs is not.
        await RefusedAsync(zip[..(zip.Length / 2)], HttpStatusCode.BadRequest, "archive-damaged", UploadRejection.ArchiveDamaged);
    }
}

/// <summary>A batch counts once against the per-client limit that the single-message API and the page share.</summary>
public sealed class MailboxRateLimitTests : IClassFixture<MailboxRateLimitTests.Api>
{
    public sealed class Api : PortalFactory
    {
        public Api() => Settings["Portal:Upload:RateLimit:PermitLimit"] = "2";
    }

    private readonly Api api;

    public MailboxRateLimitTests(Api api) => this.api = api;

    [Fact]
    public async Task A_batch_counts_once_and_shares_the_limit_with_single_messages()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.15");
        var mbox = File.ReadAllBytes(MailboxSamples.GeneratedCorpusMbox);
        var lines = await MailboxApiTests.LinesAsync(client, MailboxApiTests.Body(mbox, "application/mbox"));
        Assert.Equal(MailboxSamples.GeneratedCorpusFiles.Count, (int?)lines[^1]["analyzed"]);

        using var single = await client.PostAsync("/api/analyze", MailboxApiTests.Body(File.ReadAllBytes(Corpus.Generated("relay/addy.eml")), "message/rfc822"));
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);

        using var refused = await client.PostAsync(MailboxApi.Route, MailboxApiTests.Body(mbox, "application/mbox"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("rate-limited", problem.RootElement.GetProperty("code").GetString());
    }
}
