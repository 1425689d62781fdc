using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data;

/// <summary>
/// Lets SQLite itself wait for a lock another connection holds, up to <see cref="Wait"/>, instead of answering
/// SQLITE_BUSY ("database is locked") at once. Microsoft.Data.Sqlite retries a busy statement only where it steps it;
/// a busy answer while it finishes a statement (the commit of an INSERT … RETURNING, which is how EF inserts) reaches
/// the caller as an error (dotnet/efcore#36295, fixed only in EF Core 11). It happened to the first saves after the data
/// folder became writable again (<c>StorageFaultTests</c>): a 500 instead of a save.
/// </summary>
internal sealed class SqliteLockWait : DbConnectionInterceptor
{
    /// <summary>Far longer than any write here takes, short enough that a stuck lock still ends in an answer.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => SetWait(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        SetWait(connection);
        return Task.CompletedTask;
    }

    /// <summary>A native call on the open handle, not a PRAGMA statement: pooled connections come back through here on every open.</summary>
    private static void SetWait(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
            SQLitePCL.raw.sqlite3_busy_timeout(handle, (int)Wait.TotalMilliseconds);
    }
}
