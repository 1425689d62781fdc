using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Tests.Analysis;
using Portal.Tests.Support;

namespace Portal.Tests.Upload;

/// <summary>POST /api/analyze through the in-memory test server: answers, localized texts and every error shape.</summary>
public sealed class AnalyzeApiTests : IClassFixture<AnalyzeApiTests.Api>
{
    /// <summary>A small size limit keeps the oversize cases cheap; the rate limit is out of the way here (see AnalyzeRateLimitTests).</summary>
    public sealed class Api : PortalFactory
    {
        public const long MaxBytes = 256 * 1024;

        public Api()
        {
            Settings["Portal:Upload:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Settings["Portal:Upload:RateLimit:PermitLimit"] = "1000000";
        }
    }

    private readonly Api api;

    public AnalyzeApiTests(Api api) => this.api = api;

    public static IEnumerable<object[]> GeneratedRows => ManifestRow.All.Select(r => new object[] { r.File });

    [Fact]
    public async Task Every_corpus_sample_is_answered_with_a_report()
    {
        var client = api.CreateClient();
        var failures = new List<string>();
        foreach (var file in Corpus.AllMessages())
        {
            var bytes = await File.ReadAllBytesAsync(file);
            if (bytes.Length > Api.MaxBytes)
                continue; // the size limit has its own tests
            using var response = await client.PostAsync("/api/analyze", Raw(bytes));
            if (response.StatusCode != HttpStatusCode.OK)
                failures.Add($"{Path.GetFileName(file)}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(GeneratedRows))]
    public async Task Generated_sample_report_matches_its_manifest(string file)
    {
        var row = ManifestRow.Get(file);
        using var report = await AnalyzeAsync(await File.ReadAllBytesAsync(row.Path));
        var root = report.RootElement;
        var encryption = root.GetProperty("encryption");
        var recipients = encryption.GetProperty("recipients").EnumerateArray().ToList();

        if (row.Kind == "ms-rpmsg-synthetic")
            Assert.Contains(Codes(root), c => c == "rights-managed");
        else
            Assert.Equal(ExpectedEncryptionKind(row), encryption.GetProperty("kind").GetString());

        if (row.Fact("recipients") is { } smimeCount && ExpectedEncryptionKind(row) == "smime")
        {
            Assert.Equal(int.Parse(smimeCount), recipients.Count);
            for (var i = 1; i <= recipients.Count; i++)
            {
                var fact = row.Fact($"recipient{i}")!;
                if (Regex.Match(fact, @"serial 0x([0-9A-Fa-f]+)") is { Success: true } serial)
                    Assert.Equal(serial.Groups[1].Value.ToLowerInvariant().TrimStart('0'), recipients[i - 1].GetProperty("serialNumber").GetString());
                else
                    Assert.Equal(Regex.Match(fact, @"SKI ([0-9A-F]+)").Groups[1].Value, recipients[i - 1].GetProperty("subjectKeyIdentifier").GetString());
            }
        }
        if (row.Fact("pkesk") is { } pkesk)
        {
            Assert.Equal(int.Parse(pkesk), recipients.Count);
            for (var i = 1; i <= recipients.Count; i++)
                Assert.Equal(Regex.Match(row.Fact($"pkesk{i}")!, "keyid ([0-9A-F]{16})").Groups[1].Value, recipients[i - 1].GetProperty("keyId").GetString());
        }
        if (row.Fact("relay") is { } relay)
            Assert.Equal(EngineRelayId(relay), root.GetProperty("relay").GetProperty("service").GetString());

        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("verdict").GetString()));
    }

    [Fact]
    public async Task Findings_carry_their_texts_in_the_language_asked_for()
    {
        using var report = await AnalyzeAsync(await File.ReadAllBytesAsync(Corpus.Generated("realworld/relay/firefox-relay-from-user.eml")), "?lang=de");
        var root = report.RootElement;

        Assert.Equal("de", root.GetProperty("language").GetString());
        Assert.StartsWith("Der Absender hat Ihnen über Firefox Relay geschrieben", root.GetProperty("verdict").GetString());
        var relay = root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("code").GetString() == "relay-masked-address");
        Assert.Equal("blocker", relay.GetProperty("severity").GetString());
        Assert.Equal("Die Nachricht kam über ein privates Relay", relay.GetProperty("title").GetString());
        Assert.Contains("Firefox Relay", relay.GetProperty("explanation").GetString());
        Assert.Equal(2, relay.GetProperty("actions").GetArrayLength());
        Assert.Equal("/de/articles/replying-to-private-relay-customers#how-replies-return", relay.GetProperty("article").GetString());
        Assert.Equal("/de/articles/glossary#alias", relay.GetProperty("glossary").GetString());
    }

    [Fact]
    public async Task A_multipart_form_file_is_analyzed_like_a_raw_body()
    {
        var client = api.CreateClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(Corpus.Generated("smime/enveloped-2recip-rsa+ec-aes256cbc.eml")));
        file.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        form.Add(new StringContent("a note"), "comment");
        form.Add(file, "file", "sample.eml");

        using var response = await client.PostAsync("/api/analyze?lang=fr", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, json.RootElement.GetProperty("encryption").GetProperty("recipients").GetArrayLength());
        Assert.StartsWith("Ce message est chiffré avec S/MIME pour 2 destinataires.", json.RootElement.GetProperty("verdict").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/octet-stream")]
    [InlineData("message/rfc822")]
    public async Task Raw_bodies_of_each_accepted_media_type_are_analyzed(string mediaType)
    {
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(Corpus.Generated("received/postfix.eml")));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await api.CreateClient().PostAsync("/api/analyze", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Text_too_damaged_to_show_headers_still_gets_a_report_listing_its_defects()
    {
        using var report = await AnalyzeAsync(Encoding.UTF8.GetBytes("this line is not a header\r\nSubject: lost below the first line\r\n\r\nbody\r\n"));
        var defects = report.RootElement.GetProperty("defects").EnumerateArray().ToList();
        Assert.Contains(defects, d => d.GetProperty("code").GetString() == "no-headers");
        Assert.All(defects, d => Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("description").GetString())));
    }

    [Fact]
    public async Task Empty_body_is_a_localized_400()
    {
        var problem = await ProblemAsync(Raw([]), "?lang=es", HttpStatusCode.BadRequest);
        Assert.Equal("empty", problem.GetProperty("code").GetString());
        Assert.Equal("El mensaje está vacío", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_png_image_is_not_an_email()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, .. new byte[600]];
        var problem = await ProblemAsync(Raw(png), "?lang=en", HttpStatusCode.BadRequest);
        Assert.Equal("not-an-email", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_zip_archive_is_not_an_email()
    {
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0, 0x08, 0, .. Enumerable.Range(0, 600).Select(i => (byte)(i * 37 % 251))];
        var problem = await ProblemAsync(Raw(zip), "", HttpStatusCode.BadRequest);
        Assert.Equal("not-an-email", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_outlook_msg_is_refused_with_advice_in_Japanese()
    {
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[1024]];
        var problem = await ProblemAsync(Raw(ole), "?lang=ja", HttpStatusCode.BadRequest);
        Assert.Equal("outlook-msg", problem.GetProperty("code").GetString());
        Assert.Equal("Outlook の .msg ファイルは分析できません", problem.GetProperty("title").GetString());
        Assert.Contains(".eml", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Body_over_the_limit_is_refused_by_its_content_length()
    {
        var problem = await ProblemAsync(Raw(new byte[Api.MaxBytes + 1]), "?lang=zh", HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("too-large", problem.GetProperty("code").GetString());
        Assert.Equal("邮件太大", problem.GetProperty("title").GetString());
        Assert.Contains("256 KB", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Size_limit_is_written_with_French_units_in_French()
    {
        var problem = await ProblemAsync(Raw(new byte[Api.MaxBytes + 1]), "?lang=fr", HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("256\u00a0Ko", problem.GetProperty("detail").GetString());
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.14", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Body_of_unknown_length_over_the_limit_is_a_413()
    {
        var content = new StreamContent(new CountingStream(Api.MaxBytes * 4));
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");

        var problem = await ProblemAsync(content, "", HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("too-large", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reading_a_body_of_unknown_length_stops_one_chunk_past_the_limit()
    {
        const long limit = 100_000;
        var reader = new Portal.Upload.RequestBodyReader(Microsoft.Extensions.Options.Options.Create(
            new Portal.Hosting.PortalOptions { Upload = { MaxBytes = limit } }));
        var body = new CountingStream(limit * 50);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.ContentType = "message/rfc822";
        context.Request.Body = body;

        var result = await reader.ReadAsync(context.Request, CancellationToken.None);

        Assert.Equal(Portal.Upload.UploadRejection.TooLarge, result.Rejection);
        Assert.InRange(body.BytesRead, limit + 1, limit + 128 * 1024);
    }

    [Fact]
    public async Task Wrong_media_type_is_a_415()
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("Subject: x\r\n\r\nbody"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var problem = await ProblemAsync(content, "?lang=fr", HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("unsupported-media-type", problem.GetProperty("code").GetString());
        Assert.Equal("Type de média non pris en charge", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Answers_carry_a_content_security_policy()
    {
        using var response = await api.CreateClient().PostAsync("/api/analyze", Raw(Encoding.ASCII.GetBytes("Subject: hi\r\n\r\nbody")));
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Forwarded_smime_message_is_answered_with_the_originals_report_and_a_reply_in_the_language_asked_for()
    {
        using var report = await AnalyzeAsync(await File.ReadAllBytesAsync(Corpus.Generated("forwards/attached-outlook-smime.eml")), "?lang=es");
        var root = report.RootElement;

        var forward = root.GetProperty("forward");
        Assert.Equal("attached", forward.GetProperty("kind").GetString());
        Assert.Equal("Dana Support <dana@helpdesk.example>", forward.GetProperty("forwardedBy").GetString());
        Assert.Equal("FW: S/MIME enveloped, 1 RSA recipient, AES-256-CBC", forward.GetProperty("subject").GetString());
        Assert.Equal("2", forward.GetProperty("partPath").GetString());
        Assert.Contains(forward.GetProperty("exportGuides").EnumerateArray(),
            g => g.GetProperty("client").GetString() == "thunderbird" && g.GetProperty("article").GetString() == "/es/articles/saving-the-original-message#thunderbird");
        Assert.Equal("smime", root.GetProperty("encryption").GetProperty("kind").GetString());
        Assert.Equal("S/MIME enveloped, 1 RSA recipient, AES-256-CBC", root.GetProperty("subject").GetString());

        var reply = root.GetProperty("suggestedReply");
        Assert.Equal("smime-encrypted", reply.GetProperty("kind").GetString());
        Assert.Equal("es", reply.GetProperty("language").GetString());
        Assert.Equal("alice@example.test", reply.GetProperty("to").GetString());
        Assert.StartsWith("Hola:", reply.GetProperty("body").GetString());
        Assert.StartsWith("mailto:alice@example.test?subject=", reply.GetProperty("mailto").GetString());
    }

    [Fact]
    public async Task Inline_forward_is_answered_with_the_copied_lines_and_the_advice_to_send_the_original()
    {
        using var report = await AnalyzeAsync(await File.ReadAllBytesAsync(Corpus.Generated("forwards/inline-outlook-de.eml")), "?lang=de");
        var root = report.RootElement;

        var forward = root.GetProperty("forward");
        Assert.Equal("inline", forward.GetProperty("kind").GetString());
        Assert.Equal("outlook", forward.GetProperty("client").GetString());
        Assert.Equal("-----Ursprüngliche Nachricht-----", forward.GetProperty("separator").GetString());
        Assert.Equal("Mittwoch, 15. Januar 2025 12:00", forward.GetProperty("original").GetProperty("date").GetString());
        Assert.Equal("forwarded-inline", root.GetProperty("suggestedReply").GetProperty("kind").GetString());
        Assert.Equal("dana@helpdesk.example", root.GetProperty("suggestedReply").GetProperty("to").GetString());
        Assert.Contains(Codes(root), c => c == "forwarded-inline");
    }

    [Fact]
    public async Task Delivery_status_notification_is_no_forward()
    {
        using var report = await AnalyzeAsync(await File.ReadAllBytesAsync(Corpus.Generated("forwards/dsn-returning-smime.eml")));

        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("forward").ValueKind);
        Assert.Equal("Undelivered Mail Returned to Sender", report.RootElement.GetProperty("subject").GetString());
    }

    private async Task<JsonDocument> AnalyzeAsync(byte[] message, string query = "")
    {
        using var response = await api.CreateClient().PostAsync("/api/analyze" + query, Raw(message));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body);
    }

    private async Task<JsonElement> ProblemAsync(HttpContent content, string query, HttpStatusCode expected)
    {
        using var response = await api.CreateClient().PostAsync("/api/analyze" + query, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.StartsWith("https://tools.ietf.org/html/rfc", problem.GetProperty("type").GetString());
        return problem;
    }

    private static string ExpectedEncryptionKind(ManifestRow row) =>
        row.Fact("pkesk") is not null ? "pgp"
        : (row.Fact("outer-cms") ?? "").Contains("nvelopedData", StringComparison.Ordinal)
          || (row.Fact("inner-cms") ?? "").StartsWith("envelopedData", StringComparison.Ordinal) ? "smime"
        : "none";

    /// <summary>The manifest names some services by their brand; the engine's catalog uses short ids.</summary>
    private static string EngineRelayId(string manifestName) => manifestName switch
    {
        "addy.io" => "addy",
        "apple-icloud-hide-my-email" => "apple-hide-my-email",
        "apple-sign-in-with-apple-private-relay" => "apple-private-relay",
        var id => id,
    };

    private static IEnumerable<string?> Codes(JsonElement root) =>
        root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString());

    private static ByteArrayContent Raw(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        return content;
    }

    /// <summary>A body of unknown length (sent chunked) that counts how much of it the server pulled.</summary>
    private sealed class CountingStream(long length) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            Array.Fill(buffer, (byte)'a', offset, n);
            BytesRead += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
