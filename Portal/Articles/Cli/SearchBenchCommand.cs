using System.Diagnostics;
using System.Globalization;
using Portal.Articles.Search;

namespace Portal.Articles.Cli;

/// <summary>
/// <c>Portal bench-search [--articles 1000] [--reps 20] [--scan-reps 3] [--content dir]</c>: builds a synthetic library
/// of N articles in each of the six languages from the real articles' text (in memory only, never in content/), then
/// times the index build, its memory, and the query latency of the Lucene search against the old substring scan
/// (<see cref="SubstringScan"/>) over one fixed query set: single words, two words, CJK pieces, typos and phrases.
/// </summary>
public static class SearchBenchCommand
{
    public const string Usage = "usage: Portal bench-search [--articles N] [--reps N] [--scan-reps N] [--content <content dir>]";

    /// <summary>The fixed query set; each language has every kind of query its readers type.</summary>
    private static readonly Dictionary<string, (string Kind, string Query)[]> Queries = new()
    {
        ["en"] = [("word", "relay"), ("word", "encryption"), ("two words", "encrypted mail"), ("two words", "help desk"), ("typo", "encrpytion"), ("typo", "adresses"), ("phrase", "\"reply-to address\""), ("phrase", "\"private relay\"")],
        ["fr"] = [("word", "chiffrement"), ("word", "relais"), ("two words", "adresse masquée"), ("typo", "chiffremnet"), ("phrase", "\"service d'assistance\"")],
        ["de"] = [("word", "Verschlüsselung"), ("word", "Verschlusselung"), ("two words", "Relay Adresse"), ("typo", "Verschlüselung"), ("phrase", "\"E-Mail-Adresse\"")],
        ["es"] = [("word", "cifrado"), ("two words", "correo cifrado"), ("typo", "cifardo"), ("phrase", "\"servicio de asistencia\"")],
        ["ja"] = [("word", "暗号化"), ("CJK piece", "ール"), ("two words", "メール 暗号化"), ("CJK piece", "リレー"), ("phrase", "\"ヘルプデスク\"")],
        ["zh"] = [("word", "加密"), ("two words", "邮件 加密"), ("CJK piece", "件加"), ("CJK piece", "中继"), ("phrase", "\"服务台\"")],
    };

    /// <summary>Untimed passes over the query set before the timed ones.</summary>
    private const int WarmUpPasses = 5;

    /// <summary>The search page's default page size (<see cref="SearchOptions.PageSize"/>).</summary>
    private static readonly int PageSize = new SearchOptions().PageSize;

    private static readonly string[] Prefixes = ["e", "en", "enc", "encr", "priv", "rel", "verschl", "chiff", "cifr", "メー", "暗号", "加密", "中"];

    public static Task<int> RunAsync(string[] args) => Task.FromResult(Run(args));

    private static int Run(string[] args)
    {
        int articles = 1000, reps = 20, scanReps = 3;
        string? content = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--articles" when i + 1 < args.Length: articles = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--reps" when i + 1 < args.Length: reps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--scan-reps" when i + 1 < args.Length: scanReps = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--content" when i + 1 < args.Length: content = args[++i]; break;
                default: Console.Error.WriteLine(Usage); return 2;
            }
        }
        content ??= FindContent();
        if (content is null || !Directory.Exists(content))
        {
            Console.Error.WriteLine("content/ not found: run from the repository or pass --content <dir>");
            return 2;
        }

        var library = Languages.All.ToDictionary(l => l.Code, l => Synthesize(content, l.Code, articles));
        var documents = library.Values.Sum(d => d.Count);
        Console.WriteLine($"library: {articles} articles × {library.Count} languages = {documents} documents, {library.Values.Sum(d => d.Sum(x => (long)x.Body.Length)) / 1e6:0.0} M characters of body text");

        var synonyms = SearchSynonyms.Shipped();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var buildCpu = ThreadCpu.Milliseconds();
        var build = Stopwatch.StartNew();
        var indexes = library.ToDictionary(p => p.Key, p =>
        {
            var index = new LanguageIndex(p.Key, synonyms);
            index.Sync(p.Value);
            return index;
        });
        build.Stop();
        buildCpu = ThreadCpu.Milliseconds() - buildCpu;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var directories = indexes.Values.Sum(i => i.SizeInBytes);
        Console.WriteLine($"index build: {build.Elapsed.TotalSeconds:0.00} s ({documents / build.Elapsed.TotalSeconds:0} documents/s), {buildCpu / 1000:0.00} s CPU on the building thread");
        Console.WriteLine($"index memory: {directories / 1e6:0.0} MB of index files in RAM; managed heap grew {(after - before) / 1e6:0.0} MB (files + writers + analyzers)");

        var queries = Queries.SelectMany(p => p.Value.Select(q => (Language: p.Key, q.Kind, q.Query))).ToArray();
        var hitCounts = new Dictionary<string, (int Index, int Scan)>();
        foreach (var (language, _, query) in queries)
            hitCounts[$"{language} {query}"] = (indexes[language].Search(query).Total, SubstringScan.Search(library[language], query, Languages.Get(language).Culture).Count);

        var lucene = Time(queries, reps, q => indexes[q.Language].Search(q.Query).Hits.Count);
        var firstPage = Time(queries, reps, q => indexes[q.Language].Search(q.Query, limit: PageSize).Hits.Count);
        var secondPage = Time(queries, reps, q => indexes[q.Language].Search(q.Query, limit: PageSize, skip: PageSize).Hits.Count);
        var luceneBare = Time(queries, reps, q => indexes[q.Language].Search(q.Query, snippets: false).Hits.Count);
        var scan = Time(queries, scanReps, q => SubstringScan.Search(library[q.Language], q.Query, Languages.Get(q.Language).Culture).Count, warmUp: 1);
        var suggestions = Time(Prefixes.SelectMany(p => Languages.All.Select(l => (Language: l.Code, Kind: "prefix", Query: p))).ToArray(), reps,
            q => indexes[q.Language].Suggest(q.Query, 6).Count);

        Console.WriteLine();
        Console.WriteLine($"load average at start: {LoadAverage()}");
        Console.WriteLine($"| {documents} documents, {queries.Length} queries | p50 | p95 | p99 | mean | CPU p50 | CPU p95 | CPU p99 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Row("Lucene search (top 20, highlighted snippets)", lucene);
        Row($"Lucene search, first page ({PageSize}, snippets)", firstPage);
        Row($"Lucene search, second page ({PageSize}, snippets)", secondPage);
        Row("Lucene search (top 20, no snippets)", luceneBare);
        Row("substring scan (old search, a snippet per hit)", scan);
        Row("suggestions (title prefix, 6)", suggestions);
        Console.WriteLine();
        Console.WriteLine($"speed-up at p50: {Percentile(scan.All, 50) / Percentile(lucene.All, 50):0}x, at p95: {Percentile(scan.All, 95) / Percentile(lucene.All, 95):0}x, mean: {scan.All.Average() / lucene.All.Average():0}x; "
            + $"in CPU time at p50: {Percentile(scan.Cpu, 50) / Percentile(lucene.Cpu, 50):0}x, at p95: {Percentile(scan.Cpu, 95) / Percentile(lucene.Cpu, 95):0}x");
        Console.WriteLine();
        Console.WriteLine("| kind | Lucene p50 | Lucene p95 | Lucene CPU p50 | Lucene CPU p95 | scan p50 |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var kind in queries.Select(q => q.Kind).Distinct())
            Console.WriteLine($"| {kind} | {Percentile(lucene.ByKind[kind], 50):0.00} ms | {Percentile(lucene.ByKind[kind], 95):0.00} ms "
                + $"| {Percentile(lucene.CpuByKind[kind], 50):0.00} ms | {Percentile(lucene.CpuByKind[kind], 95):0.00} ms | {Percentile(scan.ByKind[kind], 50):0.00} ms |");
        Console.WriteLine();
        Console.WriteLine("slowest queries (Lucene with snippets, CPU p95): " + string.Join(", ", lucene.CpuByQuery
            .Select(p => (p.Key, P95: Percentile(p.Value, 95))).OrderByDescending(p => p.P95).Take(6).Select(p => $"{p.Key} {p.P95:0.00} ms")));
        Console.WriteLine();
        Console.WriteLine("hits (index / scan): " + string.Join(", ", hitCounts.Select(p => $"{p.Key} {p.Value.Index}/{p.Value.Scan}")));
        foreach (var index in indexes.Values)
            index.Dispose();
        return 0;
    }

    /// <summary>Wall-clock and this thread's CPU milliseconds of each run; CPU time stays meaningful on a machine shared with other jobs.</summary>
    private sealed record Timings(List<double> All, Dictionary<string, List<double>> ByKind, List<double> Cpu, Dictionary<string, List<double>> CpuByKind, Dictionary<string, List<double>> CpuByQuery);

    private static Timings Time((string Language, string Kind, string Query)[] queries, int reps, Func<(string Language, string Kind, string Query), int> run, int warmUp = WarmUpPasses)
    {
        long sink = 0;
        // Warm-up as a running server is: .NET's tiered JIT recompiles hot methods after 30 calls, and with one pass
        // only, that recompilation landed in the measured passes as 15 ms outliers on the typo queries (they vanish
        // with DOTNET_TieredCompilation=0). The old scan needs one pass: its queries cost a hundred times the JIT.
        for (var pass = 0; pass < warmUp; pass++)
        {
            foreach (var query in queries)
                sink += run(query);
        }
        Thread.Sleep(TimeSpan.FromMilliseconds(500)); // the background recompilation finishes before the first timing
        var all = new List<double>();
        var cpu = new List<double>();
        var byKind = new Dictionary<string, List<double>>();
        var cpuByKind = new Dictionary<string, List<double>>();
        var cpuByQuery = new Dictionary<string, List<double>>();
        for (var r = 0; r < reps; r++)
        {
            foreach (var query in queries)
            {
                var cpuStart = ThreadCpu.Milliseconds();
                var watch = Stopwatch.StartNew();
                sink += run(query);
                var ms = watch.Elapsed.TotalMilliseconds;
                var cpuMs = ThreadCpu.Milliseconds() - cpuStart;
                cpu.Add(cpuMs);
                all.Add(ms);
                (byKind.TryGetValue(query.Kind, out var list) ? list : byKind[query.Kind] = []).Add(ms);
                (cpuByKind.TryGetValue(query.Kind, out var cpuList) ? cpuList : cpuByKind[query.Kind] = []).Add(cpuMs);
                var key = $"{query.Language} {query.Query}";
                (cpuByQuery.TryGetValue(key, out var queryList) ? queryList : cpuByQuery[key] = []).Add(cpuMs);
            }
        }
        GC.KeepAlive(sink);
        return new Timings(all, byKind, cpu, cpuByKind, cpuByQuery);
    }

    private static void Row(string label, Timings t) =>
        Console.WriteLine($"| {label} | {Percentile(t.All, 50):0.00} ms | {Percentile(t.All, 95):0.00} ms | {Percentile(t.All, 99):0.00} ms | {t.All.Average():0.00} ms "
            + $"| {Percentile(t.Cpu, 50):0.00} ms | {Percentile(t.Cpu, 95):0.00} ms | {Percentile(t.Cpu, 99):0.00} ms |");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    /// <summary>
    /// N articles from the language's real ones: article i takes the blocks of real article i mod k in a shuffled
    /// order (a fixed seed per i), about two thirds of them, and a title made of the real title plus two of its words,
    /// so that the vocabulary and block lengths are real while no two articles are the same.
    /// </summary>
    private static List<SearchDocument> Synthesize(string content, string language, int count)
    {
        var sources = Directory.EnumerateFiles(Path.Combine(content, language), "*.md").Order(StringComparer.Ordinal)
            .Select(path => FrontMatterParser.Parse(File.ReadAllText(path), language).Document)
            .OfType<ArticleDocument>()
            .Select(d => (Article: d, Blocks: MarkdownRenderer.Render(d.Body).PlainText.Split('\n', StringSplitOptions.RemoveEmptyEntries)))
            .ToArray();
        var documents = new List<SearchDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var random = new Random(i);
            var (source, blocks) = sources[i % sources.Length];
            var chosen = blocks.OrderBy(_ => random.Next()).Take(Math.Max(1, blocks.Length * 2 / 3)).ToArray();
            var words = string.Join(' ', chosen).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var title = words.Length > 1 ? $"{source.Title} {words[random.Next(words.Length)]} {words[random.Next(words.Length)]}" : source.Title;
            documents.Add(new SearchDocument($"{source.Slug}-{i}", source.Category, i, title, source.Summary, string.Join(", ", source.Tags), string.Join('\n', chosen)));
        }
        return documents;
    }

    private static string? FindContent()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "content", "en")))
                return Path.Combine(dir.FullName, "content");
        return null;
    }

    /// <summary>CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>); NaN elsewhere.</summary>
    private static class ThreadCpu
    {
        private const int ClockThreadCpuTime = 3;

        [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
        private struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
        private static extern int ClockGetTime(int clock, out TimeSpec time);

        public static double Milliseconds()
        {
            if (!OperatingSystem.IsLinux())
                return double.NaN;
            return ClockGetTime(ClockThreadCpuTime, out var time) == 0 ? time.Seconds * 1000.0 + time.Nanoseconds / 1e6 : double.NaN;
        }
    }
}
