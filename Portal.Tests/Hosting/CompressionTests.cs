using System.IO.Compression;
using System.Net.Http.Headers;
using Portal.Tests.Support;
using Portal.Upload;

namespace Portal.Tests.Hosting;

/// <summary>Pages, the OpenAPI document and the analyze API go out compressed to clients that accept it, and decompress to the same answer.</summary>
public sealed class CompressionTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory site;

    public CompressionTests(PortalFactory site) => this.site = site;

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task An_article_page_is_compressed_and_decompresses_to_the_plain_page(string encoding)
    {
        var client = site.CreateClient();
        var plain = await client.GetByteArrayAsync("/en/articles/email-encryption-types");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/en/articles/email-encryption-types");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        using var response = await client.SendAsync(request);

        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length * 2 < plain.Length, $"{compressed.Length} bytes compressed against {plain.Length} plain");
        Assert.Contains("<h1", System.Text.Encoding.UTF8.GetString(Decompress(compressed, encoding)));
    }

    [Fact]
    public async Task The_api_answer_and_its_description_are_compressed()
    {
        var client = site.CreateClient();
        using var analyze = new HttpRequestMessage(HttpMethod.Post, AnalyzeApi.Route)
        {
            Content = new ByteArrayContent(await File.ReadAllBytesAsync(Corpus.Generated("relay/firefox-relay.eml"))),
        };
        analyze.Content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        analyze.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        using var answer = await client.SendAsync(analyze);
        Assert.Equal(["br"], answer.Content.Headers.ContentEncoding);
        Assert.Contains("\"findings\"", System.Text.Encoding.UTF8.GetString(Decompress(await answer.Content.ReadAsByteArrayAsync(), "br")));

        using var document = new HttpRequestMessage(HttpMethod.Get, AnalyzeApiDescription.DocumentPath);
        document.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var described = await client.SendAsync(document);
        Assert.Equal(["gzip"], described.Content.Headers.ContentEncoding);
    }

    private static byte[] Decompress(byte[] bytes, string encoding)
    {
        using var input = new MemoryStream(bytes);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
