using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Portal.Batch;
using Portal.Tests.Support;

namespace Portal.Tests.Batch;

/// <summary>A mailbox in analysis leaves room for single messages: with one slot, a single upload waits at most a slice.</summary>
public sealed class MailboxFairnessTests : IClassFixture<MailboxFairnessTests.Api>
{
    public sealed class Api : PortalFactory
    {
        public Api()
        {
            Settings["Portal:Upload:RateLimit:PermitLimit"] = "1000000";
            Settings["Portal:Upload:MaxConcurrentAnalyses"] = "1";
        }
    }

    private readonly Api api;

    public MailboxFairnessTests(Api api) => this.api = api;

    [Fact]
    public async Task A_single_message_is_answered_while_a_large_mailbox_runs_in_the_only_slot()
    {
        var corpus = File.ReadAllBytes(MailboxSamples.GeneratedCorpusMbox);
        var mbox = Enumerable.Repeat(corpus, 40).SelectMany(b => b).ToArray(); // some 4,000 messages, several seconds on this machine
        var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, MailboxApi.Route) { Content = MailboxApiTests.Body(mbox, "application/mbox") };
        using var batch = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await batch.Content.ReadAsStreamAsync());
        var started = Stopwatch.StartNew();
        // Wait until the batch is under way, then keep reading it at full speed while the single message is sent.
        Assert.NotNull(await reader.ReadLineAsync());
        var reading = Task.Run(async () =>
        {
            var (lines, last) = (1, (string?)null);
            while (await reader.ReadLineAsync() is { } line)
                (lines, last) = (lines + 1, line);
            return (Lines: lines, Last: last, Finished: started.Elapsed);
        });

        var sent = started.Elapsed;
        using var single = await client.PostAsync("/api/analyze", MailboxApiTests.Body(File.ReadAllBytes(Corpus.Generated("relay/addy.eml")), "message/rfc822"));
        var answered = started.Elapsed;
        Assert.Equal(HttpStatusCode.OK, single.StatusCode);

        var (count, end, finished) = await reading;
        Assert.Equal(MailboxSamples.GeneratedCorpusFiles.Count * 40 + 1, count);
        Assert.Contains("\"type\":\"end\"", end);
        // Had the batch kept the only slot, the single message would have waited for all of it.
        Assert.True(answered < finished, $"the single message was answered at {answered}, after the batch ended at {finished}");
        Assert.True(answered - sent < (finished - sent) / 3, $"the single message waited {answered - sent} of the batch's {finished - sent}");
    }
}
