using System.Diagnostics;
using Portal.Tests.Support;

namespace Portal.Tests.Analysis;

/// <summary>
/// Damaged S/MIME and OpenPGP messages must still give a report. Seeded, so a failure reproduces;
/// a fixed number of mutants, each checked for hangs.
/// </summary>
public sealed class MutationTests
{
    private const int Seed = 20250115;
    private const int MutantCount = 2000;
    // A hang shows as one mutant taking seconds; the bounds are loose so a busy CI machine does not fail the test.
    private static readonly TimeSpan PerMutantBudget = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TotalBudget = TimeSpan.FromSeconds(120);

    [Fact]
    public void Two_thousand_mutants_of_smime_and_pgp_samples_never_throw_or_hang()
    {
        var samples = Corpus.GeneratedMessages()
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}smime{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        || f.Contains($"{Path.DirectorySeparatorChar}pgp{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllBytes)
            .ToList();
        Assert.NotEmpty(samples);
        var random = new Random(Seed);
        var total = Stopwatch.StartNew();
        for (var i = 0; i < MutantCount; i++)
        {
            var mutant = Mutations.Payload(samples[random.Next(samples.Count)], random);
            var watch = Stopwatch.StartNew();
            try
            {
                Analyze.Analyzer.Analyze(mutant);
            }
            catch (Exception e)
            {
                Assert.Fail($"mutant {i} (seed {Seed}) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
            Assert.True(watch.Elapsed < PerMutantBudget, $"mutant {i} (seed {Seed}) took {watch.Elapsed.TotalMilliseconds:F0} ms");
        }
        Assert.True(total.Elapsed < TotalBudget, $"{MutantCount} mutants took {total.Elapsed.TotalSeconds:F1} s");
    }
}
