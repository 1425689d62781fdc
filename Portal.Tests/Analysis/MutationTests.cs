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
            var mutant = Mutate(samples[random.Next(samples.Count)], random);
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

    /// <summary>Damage aimed at the payload: the body after the header block, where base64 CMS and armor live.</summary>
    private static byte[] Mutate(byte[] original, Random random)
    {
        var bodyStart = IndexOfBlankLine(original);
        var data = (byte[])original.Clone();
        switch (random.Next(5))
        {
            case 0: // truncate the base64/armor somewhere in the body
                return data[..random.Next(bodyStart, data.Length)];
            case 1: // flip bits inside the payload
                for (var i = random.Next(1, 8); i > 0; i--)
                    data[random.Next(bodyStart, data.Length)] ^= (byte)(1 << random.Next(8));
                return data;
            case 2: // replace a base64 character with another one, so the DER itself is damaged
            {
                const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
                for (var i = random.Next(1, 6); i > 0; i--)
                {
                    var at = random.Next(bodyStart, data.Length);
                    if (alphabet.Contains((char)data[at]))
                        data[at] = (byte)alphabet[random.Next(alphabet.Length)];
                }
                return data;
            }
            case 3: // cut a chunk out of the middle
            {
                var from = random.Next(bodyStart, data.Length);
                var length = Math.Min(random.Next(1, 400), data.Length - from);
                return [.. data[..from], .. data[(from + length)..]];
            }
            default: // duplicate a chunk
            {
                var from = random.Next(bodyStart, data.Length);
                var length = Math.Min(random.Next(1, 200), data.Length - from);
                return [.. data[..(from + length)], .. data[from..]];
            }
        }
    }

    private static int IndexOfBlankLine(byte[] data)
    {
        for (var i = 0; i + 1 < data.Length; i++)
            if (data[i] == '\n' && (data[i + 1] == '\n' || data[i + 1] == '\r'))
                return Math.Min(i + 2, data.Length - 1);
        return 0;
    }
}
