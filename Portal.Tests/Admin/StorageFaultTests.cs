using System.Data.Common;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Admin;
using Portal.Articles;
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

    /// <summary>
    /// Without SQLite's own lock wait (<see cref="SqliteLockWait"/>), a few in every hundred of these rounds failed: the
    /// audit entry written right after the save met "database is locked" and the editor got a 500.
    /// </summary>
    [Fact]
    public async Task Saves_right_after_the_database_became_writable_again_are_not_refused_as_locked()
    {
        for (var round = 0; round < 200; round++)
        {
            var german = await TranslationEditor.LoadAsync(AdminTestContent.Slug, "de");
            factory.Fault = StorageFault.ReadOnly;
            var refused = await TranslationEditor.SaveAsync(AdminTestContent.Slug, "de", german!.Text with { Body = $"Runde {round}." }, german.Version, PublishChange.Publish, Editor);
            Assert.Equal(SaveOutcome.StorageUnavailable, refused.Outcome);
            await PublicGermanPageAsync(); // reading goes on
            factory.Fault = StorageFault.None;
            var saved = await TranslationEditor.SaveAsync(AdminTestContent.Slug, "de", german.Text with { Body = $"Runde {round}." }, german.Version, PublishChange.Publish, Editor);
            Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        }
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
    public async Task Sign_in_on_a_read_only_database_says_the_server_cannot_save_and_logs_why()
    {
        var email = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Editor);
        factory.Fault = StorageFault.ReadOnly;

        // Right and wrong passwords alike: not "wrong password" (the failure could not be counted), not a 500.
        foreach (var password in new[] { AdminTestSupport.Password, "not the password at all" })
        {
            var client = AdminTestSupport.Anonymous(factory);
            var refused = await AdminTestSupport.PostSignInAsync(client, email, password);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            var location = refused.Headers.Location!.OriginalString;
            Assert.StartsWith($"{AdminRoles.SignInPath}?error=storage", location);
            Assert.Contains("The server cannot save right now", await client.GetStringAsync(location));
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);
        }

        var lines = factory.Logs.Entries.Where(e => e.Category == typeof(AdminEndpoints).FullName && e.Level >= LogLevel.Warning).ToList();
        Assert.Equal(2, lines.Count); // one line per attempt
        Assert.All(lines, line =>
        {
            Assert.Contains("Cannot sign in", line.Message);
            Assert.Contains(Path.Combine(factory.DataDirectory, "portal.db"), line.Message);
            Assert.Contains("readonly", line.Message);
            Assert.Null(line.Exception);
        });
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Level >= LogLevel.Error);

        factory.Fault = StorageFault.None;
        Assert.Equal("/admin", (await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), email, AdminTestSupport.Password)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_second_sign_in_step_on_a_read_only_database_says_the_server_cannot_save_and_can_be_tried_again()
    {
        var email = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Admin);
        var client = AdminTestSupport.Anonymous(factory);
        Assert.StartsWith(AdminRoles.SecondFactorPath, (await AdminTestSupport.PostSignInAsync(client, email, AdminTestSupport.Password)).Headers.Location!.OriginalString);
        factory.Fault = StorageFault.ReadOnly;

        var code = await AdminTestSupport.CodeForAccountAsync(email);
        var refused = await AdminTestSupport.PostSecondFactorAsync(client, code);
        var location = refused.Headers.Location!.OriginalString;
        Assert.StartsWith($"{AdminRoles.SecondFactorPath}?error=storage", location);
        Assert.Contains("The server cannot save right now", await client.GetStringAsync(location));
        var line = Assert.Single(factory.Logs.Entries, e => e.Category == typeof(AdminEndpoints).FullName && e.Level >= LogLevel.Warning);
        Assert.Contains("Cannot finish signing in", line.Message);
        Assert.Contains("readonly", line.Message);

        // Nothing was used up: the same code works once the database can be written again.
        factory.Fault = StorageFault.None;
        Assert.Equal("/admin", (await AdminTestSupport.PostSecondFactorAsync(client, code)).Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Sign_out_on_a_read_only_database_says_the_server_cannot_save_and_the_session_stays()
    {
        var client = await AdminTestSupport.SignedInAsync(factory, AdminRole.Editor);
        var token = await AdminTestSupport.TokenAsync(client, "/admin");
        factory.Fault = StorageFault.ReadOnly;

        var refused = await client.PostAsync(AdminEndpoints.SignOutPath, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.StartsWith($"{AdminRoles.SignInPath}?error=storage", refused.Headers.Location!.OriginalString);
        Assert.Contains("Cannot sign out", Assert.Single(factory.Logs.Entries, e => e.Category == typeof(AdminEndpoints).FullName && e.Level >= LogLevel.Warning).Message);
        factory.Fault = StorageFault.None;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Feedback_on_a_read_only_database_tells_the_reader_it_was_not_saved_and_logs_one_line()
    {
        var reader = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var articlePath = $"/de/articles/{AdminTestContent.Slug}";
        Task<HttpResponseMessage> VoteAsync() => reader.PostAsync($"{articlePath}/feedback", new FormUrlEncodedContent(new Dictionary<string, string> { ["helpful"] = "no" }));
        factory.Fault = StorageFault.ReadOnly;

        var refused = (await VoteAsync()).Headers.Location!.OriginalString;
        Assert.Equal($"{articlePath}?not-saved=true#feedback", refused);
        var page = await reader.GetStringAsync(refused);
        Assert.Contains("Der Server kann gerade nicht speichern", page);
        Assert.Contains("data-testid=\"feedback-not-saved\"", page);
        Assert.Contains("name=\"helpful\"", page); // the question stays, to answer again later
        var line = Assert.Single(factory.Logs.Entries, e => e.Category == typeof(FeedbackService).FullName && e.Level >= LogLevel.Warning);
        Assert.Contains(Path.Combine(factory.DataDirectory, "portal.db"), line.Message);
        Assert.Contains("readonly", line.Message);
        Assert.Null(line.Exception);
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && e.Level >= LogLevel.Error);

        // The vote is kept once the database can be written; a comment refused later keeps its form and the vote.
        factory.Fault = StorageFault.None;
        var voted = (await VoteAsync()).Headers.Location!.OriginalString;
        Assert.StartsWith($"{articlePath}?feedback=", voted);
        var receipt = Uri.UnescapeDataString(voted[(voted.IndexOf('=') + 1)..voted.IndexOf('#')]);
        factory.Fault = StorageFault.ReadOnly;
        var comment = await reader.PostAsync($"{articlePath}/feedback/comment", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["receipt"] = receipt,
            ["comment"] = "Ein Beispiel fehlt.",
        }));
        var commentRefused = comment.Headers.Location!.OriginalString;
        Assert.Contains("not-saved=true", commentRefused);
        var again = await reader.GetStringAsync(commentRefused);
        Assert.Contains("Der Server kann gerade nicht speichern", again);
        Assert.Contains("name=\"comment\"", again);
        Assert.Equal(2, factory.Logs.Entries.Count(e => e.Category == typeof(FeedbackService).FullName && e.Level >= LogLevel.Warning));

        factory.Fault = StorageFault.None;
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var stored = Assert.Single(await db.Feedback.ToListAsync());
        Assert.False(stored.Helpful);
        Assert.Null(stored.Comment);
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
    /// errors: the database file opened read-only (<c>Mode=ReadOnly</c>, the open SQLite falls back to for a file it may
    /// not write) answers SQLITE_READONLY ("attempt to write a readonly database"), and <c>PRAGMA max_page_count</c> at
    /// the file's current size answers SQLITE_FULL ("database or disk is full") as a full disk does. (Permissions do not
    /// stop root, which the tests run as, and making a file immutable under a running SQLite in WAL mode kills the
    /// process through its memory-mapped index, which a test cannot survive.)
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
            public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
            {
                OpenReadOnlyWhenFaulty(connection);
                return result;
            }

            public override ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result,
                CancellationToken cancellationToken = default)
            {
                OpenReadOnlyWhenFaulty(connection);
                return ValueTask.FromResult(result);
            }

            /// <summary>Each mode has its own pool, so a pooled connection never keeps the other mode.</summary>
            private void OpenReadOnlyWhenFaulty(DbConnection connection) =>
                connection.ConnectionString = new SqliteConnectionStringBuilder(connection.ConnectionString)
                {
                    Mode = storage.Fault == StorageFault.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
                }.ToString();

            public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
            {
                // Connections come back from the pool: every open sets the size limit, to the fault or back to normal.
                await using var count = connection.CreateCommand();
                count.CommandText = "PRAGMA page_count";
                var pages = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                await using var set = connection.CreateCommand();
                set.CommandText = $"PRAGMA max_page_count = {(storage.Fault == StorageFault.DiskFull ? pages : 1073741823)}";
                await set.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
