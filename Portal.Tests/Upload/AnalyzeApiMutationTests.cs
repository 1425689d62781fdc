using System.Diagnostics;
using System.Net;
using Portal.Tests.Support;
using Portal.Upload;
using Xunit.Abstractions;

namespace Portal.Tests.Upload;

/// <summary>
/// Twenty thousand seeded mutants of both corpora (damage anywhere, and damage aimed at the S/MIME and OpenPGP
/// payloads) through the real pipeline in-process: every one is answered with a report or a 400, never a 500, and
/// none runs past the analysis deadline. Seeded, so a failure reproduces.
/// </summary>
public sealed class AnalyzeApiMutationTests : IClassFixture<AnalyzeApiMutationTests.Api>
{
    private const int Seed = 20_261_130;
    private const int MutantCount = 20_000;
    private const int Parallel = 4;
    private const double DeadlineSeconds = 2;
    // The deadline plus room for a busy 2-core CI machine to schedule the request around it.
    private static readonly TimeSpan PerRequestBound = TimeSpan.FromSeconds(DeadlineSeconds + 8);
    private static readonly TimeSpan TotalBound = TimeSpan.FromMinutes(5);

    public sealed class Api : PortalFactory
    {
        public Api()
        {
            Settings["Portal:Upload:RateLimit:PermitLimit"] = "1000000";
            Settings["Portal:Upload:AnalysisQueueLength"] = (Parallel * 2).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Settings["Portal:Analysis:DeadlineSeconds"] = DeadlineSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private readonly Api api;
    private readonly ITestOutputHelper output;

    public AnalyzeApiMutationTests(Api api, ITestOutputHelper output) => (this.api, this.output) = (api, output);

    [Fact]
    public async Task Twenty_thousand_mutants_of_both_corpora_get_no_500_and_no_hang()
    {
        var sources = Corpus.AllMessages().Select(File.ReadAllBytes).Where(b => b.Length <= 64 * 1024).ToArray();
        Assert.True(Corpus.PublicDirectory is not null, Corpus.PublicMissing);
        Assert.True(sources.Length > 50, "the corpora should provide the messages to damage");
        var payloads = Corpus.GeneratedMessages()
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}smime{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        || f.Contains($"{Path.DirectorySeparatorChar}pgp{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllBytes).ToArray();

        // Mutants are made in order from one seed, so mutant i is the same whatever the scheduling.
        var random = new Random(Seed);
        var mutants = new byte[MutantCount][];
        for (var i = 0; i < MutantCount; i++)
            mutants[i] = i % 4 == 3 ? Mutations.Payload(payloads[random.Next(payloads.Length)], random) : Mutations.Anywhere(random, sources);

        var client = api.CreateClient();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<HttpStatusCode, int>();
        var slowest = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, MutantCount), new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (i, _) =>
        {
            if (failures.Count > 5)
                return;
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync(AnalyzeApi.Route, AnalyzeApiHardeningTests.Raw(mutants[i]));
            var elapsed = watch.Elapsed;
            statuses.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
            lock (failures)
                slowest = elapsed > slowest ? elapsed : slowest;
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest))
                failures.Enqueue($"mutant {i} (seed {Seed}): {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            else if (elapsed > PerRequestBound)
                failures.Enqueue($"mutant {i} (seed {Seed}) took {elapsed.TotalSeconds:F1} s");
        });

        output.WriteLine($"{MutantCount} mutants in {total.Elapsed.TotalSeconds:F0} s, slowest {slowest.TotalMilliseconds:F0} ms; " +
                         string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}")));
        Assert.True(failures.IsEmpty, string.Join("\n", failures));
        Assert.Equal(MutantCount, statuses.Values.Sum());
        Assert.True(total.Elapsed < TotalBound, $"{MutantCount} mutants took {total.Elapsed.TotalSeconds:F0} s (slowest {slowest.TotalSeconds:F1} s)");
    }
}
