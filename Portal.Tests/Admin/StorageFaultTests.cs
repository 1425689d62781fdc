using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>
/// A data folder that cannot be written (read-only, full disk): the public site keeps reading, and a save answers
/// "the server cannot save right now" with one log line saying why, instead of a 500 ("cannot rollback").
/// </summary>
public sealed class StorageFaultTests : IDisposable
{
    private const string Editor = "editor@example.org";
    private readonly AdminTestContent content = new();
    private readonly FaultyStorage factory;

    public StorageFaultTests() => factory = new FaultyStorage { ContentDirectory = content.Directory };

    private TranslationEditor TranslationEditor => factory.Services.GetRequiredService<TranslationEditor>();

    [Fact]
    public async Task A_read_only_database_keeps_public_reading_and_refuses_saves_in_words()
    {
        var german = await TranslationEditor.LoadAsync(AdminTestContent.Slug, "de");
        Assert.Contains("unterwegs", await PublicGermanPageAsync());
        factory.Fault = StorageFault.ReadOnly;
        var saved = await TranslationEditor.SaveAsync(AdminTestContent.Slug, "de", german!.Text with { Body = "Neu." }, german.Version, PublishChange.Publish, Editor);

        Assert.Equal(SaveOutcome.StorageUnavailable, saved.Outcome);
        Assert.Contains("unterwegs", await PublicGermanPageAsync());
        var line = Assert.Single(factory.Logs.Entries, e => e.Category == typeof(TranslationEditor).FullName && e.Level == LogLevel.Error);
        Assert.Contains(Path.Combine(factory.DataDirectory, "portal.db"), line.Message);
        Assert.Contains("readonly", line.Message);
        Assert.Null(line.Exception); // one line, no stack trace

        factory.Fault = StorageFault.None;
        var after = await TranslationEditor.SaveAsync(AdminTestContent.Slug, "de", german.Text with { Body = "Neu." }, german.Version, PublishChange.Publish, Editor);
        Assert.Equal(SaveOutcome.Saved, after.Outcome);
    }

    [Fact]
    public async Task A_full_disk_refuses_saves_in_words()
    {
        var german = await TranslationEditor.LoadAsync(AdminTestContent.Slug, "de");
        factory.Fault = StorageFault.DiskFull;
        var saved = await TranslationEditor.SaveAsync(AdminTestContent.Slug, "de",
            german!.Text with { Body = new string('x', 200_000) }, german.Version, PublishChange.Publish, Editor);

        Assert.Equal(SaveOutcome.StorageUnavailable, saved.Outcome);
        var line = Assert.Single(factory.Logs.Entries, e => e.Category == typeof(TranslationEditor).FullName && e.Level == LogLevel.Error);
        Assert.Contains("full", line.Message);
        factory.Fault = StorageFault.None;
        Assert.Contains("unterwegs", await PublicGermanPageAsync());
    }

    [Fact]
    public void Storage_faults_are_recognised_and_other_errors_are_not()
    {
        Assert.True(StorageFaults.IsStorageFault(new DbUpdateException("x", new Microsoft.Data.Sqlite.SqliteException("attempt to write a readonly database", 8))));
        Assert.True(StorageFaults.IsStorageFault(new Microsoft.Data.Sqlite.SqliteException("database or disk is full", 13)));
        Assert.True(StorageFaults.IsStorageFault(new Microsoft.Data.Sqlite.SqliteException("disk I/O error", 10 | (3 << 8))));
        Assert.False(StorageFaults.IsStorageFault(new DbUpdateException("x", new Microsoft.Data.Sqlite.SqliteException("UNIQUE constraint failed", 19))));
        Assert.False(StorageFaults.IsStorageFault(new InvalidOperationException("bug")));
    }

    private Task<string> PublicGermanPageAsync() => factory.CreateClient().GetStringAsync($"/de/articles/{AdminTestContent.Slug}");

    public void Dispose()
    {
        factory.Dispose();
        content.Dispose();
    }

    private enum StorageFault { None, ReadOnly, DiskFull }

    /// <summary>
    /// The app whose SQLite connections can be made to refuse writes the way a faulty data folder does, with SQLite's own
    /// errors: <c>PRAGMA query_only</c> answers SQLITE_READONLY ("attempt to write a readonly database") as a read-only
    /// file does, and <c>PRAGMA max_page_count</c> at the file's current size answers SQLITE_FULL ("database or disk is
    /// full") as a full disk does. (Permissions do not stop root, and making a file immutable under a running SQLite in
    /// WAL mode kills the process through its memory-mapped index, which a test cannot survive.)
    /// </summary>
    private sealed class FaultyStorage : PortalFactory
    {
        public CapturedLogs Logs { get; } = new();

        public StorageFault Fault { get; set; }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
            builder.ConfigureServices(services => services.ConfigureDbContext<PortalDbContext>(db => db.AddInterceptors(new Faults(this))));
        }

        private sealed class Faults(FaultyStorage storage) : DbConnectionInterceptor
        {
            public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
            {
                // Connections come back from the pool: every open sets both, to the fault or back to normal.
                await using var count = connection.CreateCommand();
                count.CommandText = "PRAGMA page_count";
                var pages = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                await using var set = connection.CreateCommand();
                set.CommandText = $"PRAGMA query_only = {(storage.Fault == StorageFault.ReadOnly ? "ON" : "OFF")}; " +
                                  $"PRAGMA max_page_count = {(storage.Fault == StorageFault.DiskFull ? pages : 1073741823)}";
                await set.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
