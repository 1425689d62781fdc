using System.Diagnostics;
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
            var mutant = Mutations.Anywhere(random, sources);
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
}
