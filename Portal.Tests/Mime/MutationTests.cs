using System.Diagnostics;
using System.Text;
using Portal.Mime;
using Portal.Tests.Support;

namespace Portal.Tests.Mime;

/// <summary>
/// Seeded random damage to real messages (truncations, bit flips, splices, duplicated and dropped lines, stray
/// boundaries): the parser must never throw, never hang and always respect its limits.
/// </summary>
public sealed class MutationTests
{
    private const int Seed = 20_261_121;
    private const int MutantCount = 4000;
    // A hang shows as one mutant taking seconds; the bounds are loose so a busy CI machine does not fail the test.
    private static readonly TimeSpan PerMessageBudget = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TotalBudget = TimeSpan.FromSeconds(120);

    [Fact]
    public void Thousands_of_damaged_corpus_messages_parse_without_throwing_and_within_limits()
    {
        var sources = Corpus.AllMessages()
            .Select(File.ReadAllBytes)
            .Where(b => b.Length <= 64 * 1024)
            .ToArray();
        Assert.True(sources.Length > 50, "the corpus should provide the messages to damage");

        var random = new Random(Seed);
        var tight = new MimeParserOptions { MaxDepth = 4, MaxParts = 20, MaxHeaders = 30, MaxLineLength = 300, MaxMessageBytes = 32 * 1024 };
        var total = Stopwatch.StartNew();
        for (var i = 0; i < MutantCount; i++)
        {
            var mutant = Mutate(random, sources);
            var options = i % 3 == 0 ? tight : MimeParserOptions.Default;
            var watch = Stopwatch.StartNew();
            Exercise(mutant, options, $"mutant {i}");
            Assert.True(watch.Elapsed < PerMessageBudget, $"mutant {i} took {watch.Elapsed.TotalMilliseconds} ms");
        }
        Assert.True(total.Elapsed < TotalBudget, $"{MutantCount} mutants took {total.Elapsed.TotalSeconds:F1} s");
    }

    private static void Exercise(byte[] bytes, MimeParserOptions options, string label)
    {
        var message = MimeParser.Parse(bytes, options);
        var entities = message.AllEntities().ToList();
        Assert.True(entities.Count <= options.MaxParts, $"{label}: {entities.Count} parts");
        foreach (var entity in entities)
        {
            Assert.True(entity.Depth <= options.MaxDepth, $"{label}: depth {entity.Depth}");
            Assert.True(entity.Headers.Count <= options.MaxHeaders, $"{label}: {entity.Headers.Count} headers");
            Assert.InRange(entity.BodyOffset, entity.Offset, bytes.Length);
            entity.DecodeBody();
            entity.DecodeText();
            _ = entity.FileName;
            foreach (var header in entity.Headers)
                _ = header.Value;
        }
        foreach (var name in new[] { "From", "To", "Reply-To", "Cc" })
            foreach (var header in message.Headers.GetAll(name))
                AddressParser.Parse(header.Value);
        if (message.Headers.GetValue("Date") is { } date)
            MailDate.TryParse(date, out _);
        foreach (var defect in message.Defects)
            Assert.InRange(defect.Offset, 0, bytes.Length);
    }

    private static byte[] Mutate(Random random, byte[][] sources)
    {
        var source = sources[random.Next(sources.Length)];
        switch (random.Next(6))
        {
            case 0: // truncation
                return source[..random.Next(source.Length + 1)];
            case 1: // bit flips
            {
                var copy = (byte[])source.Clone();
                var flips = random.Next(1, 40);
                for (var f = 0; f < flips && copy.Length > 0; f++)
                    copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
                return copy;
            }
            case 2: // splice of two messages
            {
                var other = sources[random.Next(sources.Length)];
                return [.. source[..random.Next(source.Length + 1)], .. other[random.Next(other.Length + 1)..]];
            }
            case 3: // a region repeated (deep or long structures)
            {
                var start = random.Next(source.Length + 1);
                var length = random.Next(Math.Min(2000, source.Length - start) + 1);
                var region = source[start..(start + length)];
                var copies = random.Next(2, 30);
                var builder = new List<byte>(source.Length + region.Length * copies);
                builder.AddRange(source[..start]);
                for (var c = 0; c < copies; c++)
                    builder.AddRange(region);
                builder.AddRange(source[start..]);
                return [.. builder];
            }
            case 4: // lines dropped
            {
                var lines = Encoding.Latin1.GetString(source).Split('\n').Where(_ => random.Next(10) != 0);
                return Encoding.Latin1.GetBytes(string.Join('\n', lines));
            }
            default: // stray delimiter-like and header-like lines inserted
            {
                var text = Encoding.Latin1.GetString(source);
                string[] noise = ["--", "--\r\n", "\r\n--boundary--\r\n", "\nContent-Type: multipart/mixed; boundary=\"\"\n", "=?utf-8?B?", "\r\n\r\n", "\0\0\0", "\nContent-Transfer-Encoding: base64\n"];
                for (var n = random.Next(1, 6); n > 0; n--)
                    text = text.Insert(random.Next(text.Length + 1), noise[random.Next(noise.Length)]);
                return Encoding.Latin1.GetBytes(text);
            }
        }
    }
}
