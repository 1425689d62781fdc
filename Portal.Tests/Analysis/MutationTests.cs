using System.Diagnostics;
using Portal.Tests.Support;

namespace Portal.Tests.Analysis;

/// <summary>
/// Damaged S/MIME and OpenPGP messages must still give a report. Seeded, so a failure reproduces;
/// bounded in time, so the suite stays quick.
/// </summary>
public sealed class MutationTests
{
    private const int Seed = 20250115;
    private const int MinimumMutants = 2000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    [Fact]
    public void Two_thousand_mutants_of_smime_and_pgp_samples_never_throw()
    {
        var samples = Corpus.GeneratedMessages()
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}smime{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        || f.Contains($"{Path.DirectorySeparatorChar}pgp{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllBytes)
            .ToList();
        Assert.NotEmpty(samples);
        var random = new Random(Seed);
        var watch = Stopwatch.StartNew();
        var mutants = 0;
        while (mutants < MinimumMutants || watch.Elapsed < TimeSpan.FromSeconds(2))
        {
            Assert.True(watch.Elapsed < Budget || mutants >= MinimumMutants, $"only {mutants} mutants in {Budget}");
            var original = samples[random.Next(samples.Count)];
            var mutant = Mutate(original, random);
            try
            {
                Analyze.Analyzer.Analyze(mutant);
            }
            catch (Exception e)
            {
                Assert.Fail($"mutant {mutants} (seed {Seed}) threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
            }
            mutants++;
            if (watch.Elapsed > Budget)
                break;
        }
        Assert.True(mutants >= MinimumMutants, $"{mutants} mutants");
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
