namespace Portal.Articles.Search;

/// <summary>
/// The synonyms file an admin edits (<c>Portal:Search:SynonymsFile</c>, else the copy shipped beside the app), read at
/// start and again whenever it changes on disk, so that new groups apply without a restart. A file that cannot be read
/// as synonym groups is logged and ignored: the groups read last stay in use.
/// </summary>
public sealed class SearchSynonymsFile : IDisposable
{
    /// <summary>Editors write a file in several steps (truncate, write, rename); one reload follows the last of them.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(250);

    private readonly ILogger<SearchSynonymsFile> logger;
    private readonly FileSystemWatcher? watcher;
    private readonly Timer settle;
    private readonly System.Threading.Lock gate = new();
    private string text;

    public SearchSynonymsFile(string path, ILogger<SearchSynonymsFile> logger)
    {
        Path = System.IO.Path.GetFullPath(path);
        this.logger = logger;
        text = File.ReadAllText(Path);
        Current = SearchSynonyms.Parse(text);
        settle = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
        try
        {
            watcher = new FileSystemWatcher(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileName(Path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            watcher.Changed += (_, _) => settle.Change(Settle, Timeout.InfiniteTimeSpan);
            watcher.Created += (_, _) => settle.Change(Settle, Timeout.InfiniteTimeSpan);
            watcher.Renamed += (_, _) => settle.Change(Settle, Timeout.InfiniteTimeSpan);
            watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // inotify instances are limited per user; search still works, with the groups read at start.
            logger.LogWarning(e, "Cannot watch the search synonyms file {Path}: changes to it apply after a restart", Path);
        }
    }

    public string Path { get; }

    public SearchSynonyms Current { get; private set; }

    /// <summary>Raised with the previous and the new groups after the file changed and was read.</summary>
    public event Action<SearchSynonyms, SearchSynonyms>? Changed;

    /// <summary>Reads the file again; raises <see cref="Changed"/> when its text changed and is valid.</summary>
    public void Reload()
    {
        SearchSynonyms previous, next;
        lock (gate)
        {
            string latest;
            try
            {
                latest = File.ReadAllText(Path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Removed or being replaced: the rename that follows brings another change notification.
                logger.LogWarning(e, "Cannot read the search synonyms file {Path}; the previous groups stay in use", Path);
                return;
            }
            if (latest == text)
                return;
            try
            {
                next = SearchSynonyms.Parse(latest);
                foreach (var language in Languages.All)
                    next.MapFor(language.Code);
            }
            catch (Exception e)
            {
                // Whatever an admin's edit breaks (JSON, a group Lucene's synonym parser refuses), search keeps working.
                logger.LogWarning(e, "The search synonyms file {Path} cannot be used; the previous groups stay in use", Path);
                return;
            }
            text = latest;
            previous = Current;
            Current = next;
        }
        logger.LogInformation("Search synonyms file {Path} changed", Path);
        Changed?.Invoke(previous, next);
    }

    public void Dispose()
    {
        watcher?.Dispose();
        settle.Dispose();
    }
}
