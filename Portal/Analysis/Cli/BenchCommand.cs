using System.Diagnostics;
using System.Globalization;
using Portal.Analysis.Catalogs;
using Portal.Analysis.Dkim;
using Portal.Mime;

namespace Portal.Analysis.Cli;

/// <summary>
/// <c>Portal bench &lt;dir|list-file&gt; [--reps N] [--warmup N] [--parse-only]</c> and
/// <c>Portal bench --single &lt;file&gt; [--reps N]</c>. Messages are held in memory; parse-only does the
/// same work as the reference harnesses (parse, walk, decode every leaf, read Subject/From/Received).
/// </summary>
public static class BenchCommand
{
    public const string Usage = "usage: Portal bench <dir|list-file> [--reps N] [--warmup N] [--parse-only] [--dkim off|dns] [--dns-server address[:port]] [--parser ours|mimekit]"
                                + " | Portal bench --single <file> [--reps N] [--parser ours|mimekit] | Portal bench --folded-header <bytes,bytes,...> [--reps N]";

    public static Task<int> RunAsync(string[] args) => Task.FromResult(Run(args));

    private static int Run(string[] args)
    {
        string? target = null, single = null, folded = null;
        var parser = "ours";
        int reps = 15, warmup = 60; // fewer left tiered compilation (dynamic PGO) still replacing hot methods during the timed passes
        var parseOnly = false;
        // Off unless asked: a benchmark must not send the corpus's signing domains to a resolver by surprise.
        var dkim = new DkimOptions { Mode = DkimMode.Off };
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reps" when i + 1 < args.Length: reps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup" when i + 1 < args.Length: warmup = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--parse-only": parseOnly = true; break;
                case "--single" when i + 1 < args.Length: single = args[++i]; break;
                case "--parser" when i + 1 < args.Length && args[i + 1] is "ours" or "mimekit": parser = args[++i]; break;
                case "--folded-header" when i + 1 < args.Length: folded = args[++i]; break;
                case "--dkim" when i + 1 < args.Length && Enum.TryParse<DkimMode>(args[i + 1], ignoreCase: true, out var mode): dkim.Mode = mode; i++; break;
                case "--dns-server" when i + 1 < args.Length: dkim.DnsServer = args[++i]; break;
                default: target = args[i]; break;
            }
        }
        if (folded is not null)
            return RunFoldedHeader(folded, reps);
        if (parser == "mimekit")
            return single is not null ? RunSingleMimeKit(single, reps) : target is not null ? RunCorpusMimeKit(target, reps, warmup) : 2;
        if (single is null && target is null)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        // The site loads the catalogs once at start-up; time that separately from the first message.
        var catalogs = new ShippedAnalysisCatalogs();
        var load = Stopwatch.StartNew();
        var entries = catalogs.Relays.Services.Count + catalogs.Vendors.Vendors.Count;
        Console.WriteLine($"catalogs: {entries} entries loaded in {load.Elapsed.TotalMilliseconds:0.0} ms (start-up, not counted below)");
        var analyzer = new EmailAnalyzer(catalogs, dkim);
        Console.WriteLine($"dkim: {dkim.Mode}{(dkim.Mode == DkimMode.Dns ? $" via {(string.IsNullOrEmpty(dkim.DnsServer) ? "system resolvers" : dkim.DnsServer)}" : "")}");
        return single is not null ? RunSingle(single, reps, analyzer) : RunCorpus(target!, reps, warmup, parseOnly, analyzer);
    }

    private static int RunCorpus(string target, int reps, int warmup, bool parseOnly, EmailAnalyzer analyzer)
    {
        var files = Directory.Exists(target)
            ? Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : File.ReadAllLines(target).Where(l => l.Length > 0).ToList();
        var blobs = files.Select(File.ReadAllBytes).ToList();
        var bytes = blobs.Sum(b => (long)b.Length);
        Console.WriteLine($"corpus: {blobs.Count} messages, {bytes / 1e6:0.00} MB; warm-up {warmup}, passes {reps}");

        Measure("parse-only", blobs, bytes, reps, warmup, b => ParseAndWalk(b));
        if (!parseOnly)
            Measure("full analysis", blobs, bytes, reps, warmup, b => analyzer.Analyze(b).Findings.Count);
        return 0;
    }

    private static void Measure(string label, List<byte[]> blobs, long bytes, int reps, int warmup, Func<byte[], long> work)
    {
        long sink = 0;
        for (var i = 0; i < warmup; i++)
            foreach (var blob in blobs)
                sink += work(blob);
        var times = new List<double>();
        for (var i = 0; i < reps; i++)
        {
            var watch = Stopwatch.StartNew();
            foreach (var blob in blobs)
                sink += work(blob);
            times.Add(watch.Elapsed.TotalSeconds);
        }
        var median = Median(times);
        Console.WriteLine($"{label,-14} median {median * 1000:0.0} ms/pass  {blobs.Count / median:0.0} msgs/s  {bytes / median / 1e6:0.00} MB/s  (checksum {sink % 1000})");
    }

    // Full analysis runs first, so its first pass is the cold one the goals speak of (JIT included);
    // peak memory is read after it and again after the parse-and-decode-everything passes.
    private static int RunSingle(string file, int reps, EmailAnalyzer analyzer)
    {
        var blob = File.ReadAllBytes(file);
        Console.WriteLine($"single: {file}, {blob.Length / 1e6:0.00} MB");
        foreach (var (label, work) in new (string, Func<byte[], long>)[]
                 { ("full analysis", b => analyzer.Analyze(b).Findings.Count), ("parse+decode", b => ParseAndWalk(b)) })
        {
            var times = new List<double>();
            for (var i = 0; i < Math.Max(reps, 2); i++)
            {
                var watch = Stopwatch.StartNew();
                work(blob);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"{label,-14} cold {times[0]:0.0} ms  warm median {Median(times.Skip(1).ToList()):0.0} ms  " +
                              $"peak working set so far {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0.0} MB");
        }
        return 0;
    }

    /// <summary>The reference harnesses' work: parse, walk every part, decode every leaf, read Subject, From, Received.</summary>
    private static long ParseAndWalk(byte[] blob)
    {
        var message = MimeParser.Parse(blob);
        var headers = message.Root.Headers;
        long n = (headers.GetValue("Subject")?.Length ?? 0) + (headers.GetValue("From")?.Length ?? 0);
        foreach (var received in headers.GetAll("Received"))
            n += received.Value.Length;
        foreach (var entity in message.AllEntities())
            if (!entity.IsMultipart && !entity.IsMessage)
                n += entity.DecodeBody().Length;
        return n;
    }

    // MimeKit as the parser under the same work, to measure what using it as ours would cost (README: why our own parser).
    private static int RunCorpusMimeKit(string target, int reps, int warmup)
    {
        var blobs = LoadCorpus(target);
        var bytes = blobs.Sum(b => (long)b.Length);
        var failing = new HashSet<int>();
        for (var i = 0; i < blobs.Count; i++)
            if (MimeKitParseAndWalk(blobs[i]) < 0)
                failing.Add(i);
        Console.WriteLine($"corpus: {blobs.Count} messages, {bytes / 1e6:0.00} MB; MimeKit throws on {failing.Count}; warm-up {warmup}, passes {reps}");
        var readable = blobs.Where((_, i) => !failing.Contains(i)).ToList();
        Measure("mimekit parse", readable, readable.Sum(b => (long)b.Length), reps, warmup, MimeKitParseAndWalk);
        return 0;
    }

    private static int RunSingleMimeKit(string file, int reps)
    {
        var blob = File.ReadAllBytes(file);
        Console.WriteLine($"single: {file}, {blob.Length / 1e6:0.00} MB (MimeKit)");
        var times = new List<double>();
        for (var i = 0; i < Math.Max(reps, 2); i++)
        {
            var watch = Stopwatch.StartNew();
            MimeKitParseAndWalk(blob);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"mimekit parse+decode cold {times[0]:0.0} ms  warm median {Median(times.Skip(1).ToList()):0.0} ms  " +
                          $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:0.0} MB");
        return 0;
    }

    /// <summary>One header folded into lines of about 70 characters, at each size: how parse time grows with its length.</summary>
    private static int RunFoldedHeader(string sizes, int reps)
    {
        foreach (var size in sizes.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)))
        {
            var text = new System.Text.StringBuilder("From: a@example.test\r\nTo: b@example.test\r\nSubject: ");
            for (var line = 0; text.Length < size; line++)
                text.Append(line == 0 ? "" : "\r\n ").Append("folded words of a very long header line number ").Append(line.ToString("D8", CultureInfo.InvariantCulture));
            text.Append("\r\n\r\nbody\r\n");
            var blob = System.Text.Encoding.ASCII.GetBytes(text.ToString());
            var ours = Time(reps, () => MimeParser.Parse(blob).Root.Headers.GetValue("Subject")?.Length ?? 0);
            var theirs = Time(Math.Min(reps, 3), () =>
            {
                using var stream = new MemoryStream(blob, writable: false);
                return MimeKit.MimeMessage.Load(stream).Subject?.Length ?? 0;
            });
            Console.WriteLine($"folded header {size / 1000.0,8:0.0} KB  ours {ours:0.0} ms  mimekit {theirs:0.0} ms (median)");
        }
        return 0;

        static double Time(int reps, Func<long> work)
        {
            var times = new List<double>();
            for (var i = 0; i < Math.Max(reps, 1); i++)
            {
                var watch = Stopwatch.StartNew();
                work();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            return Median(times);
        }
    }

    private static List<byte[]> LoadCorpus(string target) =>
        (Directory.Exists(target)
            ? Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : File.ReadAllLines(target).Where(l => l.Length > 0).ToList()).Select(File.ReadAllBytes).ToList();

    /// <summary>The same work as <see cref="ParseAndWalk"/> with MimeKit; -1 when MimeKit throws on the message.</summary>
    private static long MimeKitParseAndWalk(byte[] blob)
    {
        try
        {
            using var stream = new MemoryStream(blob, writable: false);
            var message = MimeKit.MimeMessage.Load(stream);
            long n = (message.Subject?.Length ?? 0) + message.From.ToString().Length;
            foreach (var header in message.Headers)
                if (header.Id == MimeKit.HeaderId.Received)
                    n += header.Value.Length;
            using var iterator = new MimeKit.MimeIterator(message);
            while (iterator.MoveNext())
                if (iterator.Current is MimeKit.MimePart { Content: { } content })
                {
                    using var body = new MemoryStream();
                    content.DecodeTo(body);
                    n += body.Length;
                }
            return n;
        }
        catch (Exception e) when (e is FormatException or MimeKit.ParseException)
        {
            return -1;
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
