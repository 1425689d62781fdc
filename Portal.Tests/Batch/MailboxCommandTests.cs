using System.Text.Json.Nodes;
using Portal.Batch;

namespace Portal.Tests.Batch;

/// <summary><c>Portal analyze mailbox.mbox --format csv|json</c>: the same analysis as the API, one row or line per message.</summary>
public sealed class MailboxCommandTests
{
    [Fact]
    public async Task Csv_has_a_row_per_message_of_the_mbox()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await MailboxCommand.RunAsync([MailboxSamples.GeneratedCorpusMbox, "--format", "csv", "--dkim", "off"], output, error);
        Assert.True(exit == 0, error.ToString());

        var rows = output.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(MailboxCsv.Header, rows[0]);
        Assert.Equal(MailboxSamples.GeneratedCorpusFiles.Count + 1, rows.Length);
        Assert.StartsWith("0,", rows[1]);
        Assert.Contains(rows, r => r.Contains(",smime,", StringComparison.Ordinal) && r.Contains("CN=Test RSA CA", StringComparison.Ordinal));
        Assert.Contains($"{MailboxSamples.GeneratedCorpusFiles.Count} analyzed", error.ToString());
    }

    [Fact]
    public async Task Json_is_the_api_s_ndjson_with_the_end_line()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(0, await MailboxCommand.RunAsync([MailboxSamples.FormailMbox, "--format", "json", "--lang", "ja", "--dkim", "off"], output, error));
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["message", "message", "message", "end"], lines.Select(l => (string?)l["type"]));
        Assert.Equal("ja", (string?)lines[0]["report"]!["language"]);
        Assert.False(string.IsNullOrEmpty((string?)lines[0]["report"]!["verdict"]));
    }

    [Fact]
    public void A_mailbox_is_recognized_by_its_name_its_zip_signature_or_the_csv_format()
    {
        Assert.True(MailboxCommand.IsMailbox([MailboxSamples.FormailMbox]));
        Assert.True(MailboxCommand.IsMailbox(["--format", "csv", Portal.Tests.Support.Corpus.Generated("relay/addy.eml")]));
        Assert.False(MailboxCommand.IsMailbox([Portal.Tests.Support.Corpus.Generated("relay/addy.eml"), "--format", "json"]));
        var zip = Path.Combine(Path.GetTempPath(), $"mailbox-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(zip, MailboxSamples.Zip(MailboxSamples.Eml("relay/addy.eml")));
        try { Assert.True(MailboxCommand.IsMailbox([zip, "--lang", "de"])); }
        finally { File.Delete(zip); }
    }

    [Fact]
    public async Task A_refused_mailbox_says_why_and_exits_2()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(2, await MailboxCommand.RunAsync([Portal.Tests.Support.Corpus.Generated("relay/addy.eml"), "--mailbox"], output, error));
        Assert.Contains("This is not a mailbox", error.ToString());
    }
}
