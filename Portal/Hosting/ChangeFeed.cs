using System.Collections.Concurrent;
using Npgsql;
using Portal.Data;

namespace Portal.Hosting;

/// <summary>What changed, as far as the in-memory copies of other instances are concerned.</summary>
public enum ChangeKind
{
    /// <summary>A publish, unpublish, restore or import: the public article library and everything built on it.</summary>
    Articles,
    /// <summary>The admin's analyzer catalog entries.</summary>
    Catalogs,
    /// <summary>
    /// An account was changed, disabled or deleted, and its sessions ended. Requests need no handler (sessions are rows
    /// read on every request); open admin circuits, which hold the user they started with, check their session at once
    /// (<see cref="Portal.Admin.SessionRevalidation"/>).
    /// </summary>
    Accounts,
}

/// <summary>
/// The one place where a change that every instance must see is announced, and where caches hear about it.
/// A cache subscribes (<see cref="Subscribe"/>) and a writer publishes after its change is saved (<see cref="PublishAsync"/>).
/// Handlers run at once in the publishing instance; on PostgreSQL the change also goes out with NOTIFY and
/// <see cref="ChangeListener"/> raises it in every other instance within milliseconds. When an instance's LISTEN
/// connection was lost, everything is raised once it is back, since changes may have gone by unheard.
/// </summary>
public sealed class ChangeFeed(PortalDatabase database, ILogger<ChangeFeed> logger)
{
    public const string Channel = "portal_changes";

    /// <summary>Tells our own notifications apart from other instances' (PostgreSQL delivers them to every listener).</summary>
    private readonly string instance = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<ChangeKind, Func<Task>[]> handlers = new();
    private volatile bool listening;

    /// <summary>True while this instance hears other instances' changes (always on SQLite, which has no other instances).</summary>
    public bool IsListening => database.DataSource is null || listening;

    public IDisposable Subscribe(ChangeKind kind, Action handler) => Subscribe(kind, () =>
    {
        handler();
        return Task.CompletedTask;
    });

    /// <summary>
    /// An asynchronous handler: the publishing instance's <see cref="PublishAsync"/> returns once it has run. Disposing
    /// the result unsubscribes (a cache lives as long as the app and never does; a circuit's listener does when it ends).
    /// </summary>
    public IDisposable Subscribe(ChangeKind kind, Func<Task> handler)
    {
        handlers.AddOrUpdate(kind, _ => [handler], (_, list) => [.. list, handler]);
        return new Subscription(() => handlers.AddOrUpdate(kind, _ => [], (_, list) => [.. list.Where(h => !ReferenceEquals(h, handler))]));
    }

    /// <summary>How many handlers hear <paramref name="kind"/>: circuits and requests must not leave theirs behind.</summary>
    internal int SubscriberCount(ChangeKind kind) => handlers.TryGetValue(kind, out var list) ? list.Length : 0;

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
                unsubscribe();
        }
    }

    public async Task PublishAsync(ChangeKind kind, CancellationToken cancellationToken = default)
    {
        await RaiseAsync(kind);
        if (database.DataSource is not { } source)
            return;
        try
        {
            await using var command = source.CreateCommand("SELECT pg_notify(@channel, @payload)");
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", $"{kind}/{instance}");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            // The change itself is saved; the other instances refresh everything when their LISTEN connection comes back.
            logger.LogError(e, "Could not announce a change of {Kind} to the other instances.", kind);
        }
    }

    /// <summary>A notification from the channel: another instance's change is raised here, our own echo is not.</summary>
    internal void Receive(string payload)
    {
        var parts = payload.Split('/', 2);
        if (parts.Length == 2 && parts[1] == instance)
            return;
        if (Enum.TryParse<ChangeKind>(parts[0], out var kind))
            _ = RaiseAsync(kind); // never faults: each handler's failure is logged
        else
            logger.LogWarning("Ignored an unknown change notification {Payload}.", payload);
    }

    /// <summary>The LISTEN connection is up (everything is raised, since changes may have gone by unheard) or lost.</summary>
    internal void SetListening(bool value)
    {
        listening = value;
        if (value)
            RaiseAll();
    }

    private void RaiseAll()
    {
        foreach (var kind in Enum.GetValues<ChangeKind>())
            _ = RaiseAsync(kind); // never faults: each handler's failure is logged
    }

    private async Task RaiseAsync(ChangeKind kind)
    {
        if (!handlers.TryGetValue(kind, out var list))
            return;
        foreach (var handler in list)
        {
            try { await handler(); }
            catch (Exception e) { logger.LogError(e, "A handler of {Kind} changes failed.", kind); }
        }
    }
}

/// <summary>
/// On PostgreSQL, keeps one connection LISTENing on <see cref="ChangeFeed.Channel"/> and hands every notification to
/// the feed; reconnects after a lost connection. Nothing to do on SQLite.
/// </summary>
public sealed class ChangeListener(PortalDatabase database, ChangeFeed feed, ILogger<ChangeListener> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.DataSource is not { } source)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await source.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => feed.Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeFeed.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                feed.SetListening(true);
                while (true)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            // Whatever broke the connection (server restart, network, a failover), the instance keeps serving and tries again;
            // until then /readyz takes it out of the load balancer.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                feed.SetListening(false);
                logger.LogWarning(e, "Lost the change notification connection; reconnecting.");
                await Task.Delay(RetryAfter, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
