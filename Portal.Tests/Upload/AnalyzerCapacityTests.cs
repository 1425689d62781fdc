using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Analysis;
using Portal.Tests.Support;
using Portal.Upload;

namespace Portal.Tests.Upload;

/// <summary>The tests that measure the process's CPU run alone, after every parallel test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CpuMeasuringCollection
{
    public const string Name = "Measures CPU";
}

/// <summary>
/// Analyses run in a fixed number of slots: past the slots and the queue the API answers 503 busy; a client that goes
/// away stops its analysis, so the server's CPU goes back to idle instead of inflating for minutes.
/// </summary>
[Collection(CpuMeasuringCollection.Name)]
public sealed class AnalyzerCapacityTests
{
    /// <summary>One slot, no queue, and a budget so large that only the deadline or the client ends the fan-out.</summary>
    private sealed class OneSlot : PortalFactory
    {
        public OneSlot(double deadlineSeconds)
        {
            Settings["Portal:Upload:MaxConcurrentAnalyses"] = "1";
            Settings["Portal:Upload:AnalysisQueueLength"] = "0";
            Settings["Portal:Upload:RateLimit:PermitLimit"] = "1000";
            Settings["Portal:Analysis:DeadlineSeconds"] = deadlineSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Settings["Portal:Analysis:MinDecodedBytes"] = (1L << 50).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Settings["Portal:Analysis:MaxDecodedBytes"] = (1L << 50).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Settings["Portal:Analysis:MaxContainers"] = "100000";
        }

        public AnalysisGate Gate => Services.GetRequiredService<AnalysisGate>();
    }

    /// <summary>
    /// 900 pieces inflate to about 7 GB: several seconds even where zlib is fast (400 pieces took under 3 s here), and
    /// the inner stream (900 × 8 KB) stays under the 8 MB cap of the outer packet.
    /// </summary>
    private const int LongerThanTheDeadline = 900;

    [Fact]
    public async Task Past_the_slots_and_the_queue_the_api_answers_503_busy_with_retry_after()
    {
        // A short deadline, so the fan-out is still inflating when it ends even on a machine with very fast zlib.
        await using var app = new OneSlot(deadlineSeconds: 1.5);
        var client = app.CreateClient();
        var slow = client.PostAsync(AnalyzeApi.Route, AnalyzeApiHardeningTests.Raw(HostileMessages.OpenPgpCompressionFanOut(LongerThanTheDeadline)));
        await WaitUntilAsync(() => app.Gate.Running == 1, TimeSpan.FromSeconds(10));

        using var busy = await client.PostAsync(AnalyzeApi.Route + "?lang=ja", AnalyzeApiHardeningTests.Raw("Subject: hi\r\n\r\nbody\r\n"u8.ToArray()));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(2), busy.Headers.RetryAfter?.Delta); // the deadline, rounded up
        using (var problem = JsonDocument.Parse(await busy.Content.ReadAsStringAsync()))
        {
            Assert.Equal("busy", problem.RootElement.GetProperty("code").GetString());
            Assert.Equal("アナライザーが混み合っています", problem.RootElement.GetProperty("title").GetString());
        }

        using var stopped = await slow;
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Contains("reason deadline", await stopped.Content.ReadAsStringAsync());
        Assert.Equal(0, app.Gate.Running);
    }

    [Fact]
    public async Task A_client_that_disconnects_stops_its_analysis_and_the_cpu_returns_to_idle()
    {
        await using var app = new OneSlot(deadlineSeconds: 300);
        var client = app.CreateClient();
        _ = await client.GetAsync("/en/analyze"); // the app has started and settled
        var idleBefore = await CpuShareAsync(TimeSpan.FromSeconds(1));
        using var leave = new CancellationTokenSource();
        var request = client.PostAsync(AnalyzeApi.Route, AnalyzeApiHardeningTests.Raw(HostileMessages.OpenPgpCompressionFanOut(LongerThanTheDeadline)), leave.Token);
        await WaitUntilAsync(() => app.Gate.Running == 1, TimeSpan.FromSeconds(10));
        // Measured, not assumed: on a shared CI machine the analysis may get only part of a core.
        var busyCpu = await CpuShareAsync(TimeSpan.FromSeconds(1));

        leave.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        // The analysis has a 300 s deadline: only the client's leaving can end it this soon.
        await WaitUntilAsync(() => app.Gate.Running == 0, TimeSpan.FromSeconds(5));
        var idleAfter = await CpuShareAsync(TimeSpan.FromSeconds(1));
        var margin = Math.Max(0.1, (busyCpu - idleBefore) / 2);
        Assert.True(idleAfter < idleBefore + margin,
            $"{idleAfter:P0} of a core in use after the client left; {idleBefore:P0} before the upload, {busyCpu:P0} while analysing");
    }

    /// <summary>The share of one core this process used over <paramref name="span"/>.</summary>
    private static async Task<double> CpuShareAsync(TimeSpan span)
    {
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        await Task.Delay(span);
        process.Refresh();
        return (process.TotalProcessorTime - before) / span;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < timeout, $"not reached within {timeout.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}
