using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Admin;
using Portal.Tests.Support;

namespace Portal.Tests.Data;

/// <summary>
/// An installation written by the previous release (.NET 9, EF Core 6.0.7: Portal.Tests/TestData/upgrade-from-net9,
/// described in its FIXTURE.md) is started by this build and keeps everything: accounts and their passwords,
/// drafts, published revisions, feedback, audit entries and its data-protection key.
/// </summary>
public sealed class UpgradeTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "TestData", "upgrade-from-net9");

    private static PortalFactory StartOnCopyOfFixture()
    {
        var factory = new PortalFactory();
        File.Copy(Path.Combine(Fixture, "database.sqlite"), Path.Combine(factory.DataDirectory, "portal.db"));
        var keys = Directory.CreateDirectory(Path.Combine(factory.DataDirectory, "keys"));
        foreach (var key in Directory.GetFiles(Path.Combine(Fixture, "keys")))
            File.Copy(key, Path.Combine(keys.FullName, Path.GetFileName(key)));
        return factory;
    }

    [Fact]
    public async Task Accounts_sign_in_with_the_passwords_they_had_before_the_upgrade()
    {
        using var factory = StartOnCopyOfFixture();
        foreach (var (email, password) in new[] { ("admin@fixture.test", "Fixture-Admin-Passphrase-1"), ("editor@fixture.test", "Fixture-Editor-Passphrase-2") })
        {
            using var client = AdminTestSupport.Anonymous(factory);
            using var response = await AdminTestSupport.PostSignInAsync(client, email, password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        }

        using var stranger = AdminTestSupport.Anonymous(factory);
        using var wrong = await AdminTestSupport.PostSignInAsync(stranger, "admin@fixture.test", "Fixture-Editor-Passphrase-2");
        Assert.NotEqual("/admin", wrong.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Drafts_stay_drafts_and_published_revisions_stay_published()
    {
        using var factory = StartOnCopyOfFixture();
        using var client = factory.CreateClient();

        var german = await client.GetStringAsync("/de/articles/email-encryption-types");
        Assert.DoesNotContain("FIXTURE-DE-DRAFT", german);
        var french = await client.GetStringAsync("/fr/articles/private-relays-and-masked-addresses");
        Assert.Contains("FIXTURE-FR-PUBLISHED", french);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var draft = await db.Revisions.Include(r => r.Translation).ThenInclude(t => t.Article)
            .SingleAsync(r => r.Body.Contains("FIXTURE-DE-DRAFT"));
        Assert.Equal(TranslationStatus.Draft, draft.Status);
        Assert.Equal(draft.Number, draft.Translation.DraftRevision);
        Assert.Equal(1, draft.Translation.Revision);
    }

    [Fact]
    public async Task Feedback_audit_entries_migrations_and_keys_are_all_there()
    {
        using var factory = StartOnCopyOfFixture();
        _ = factory.Server;

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var feedback = await db.Feedback.Include(f => f.Article).OrderBy(f => f.Id).ToListAsync();
        Assert.Equal([("sending-encrypted-mail-to-support", true), ("using-the-email-analyzer", false)],
            feedback.Take(2).Select(f => (f.Article.Slug, f.Helpful)));

        var audit = await db.Audit.OrderBy(a => a.Id).Take(10).ToListAsync();
        Assert.Equal(10, audit.Count);
        Assert.Contains(audit, a => a is { Action: "published", Target: "private-relays-and-masked-addresses/fr" });
        Assert.Contains(audit, a => a is { Action: "saved", Target: "email-encryption-types/de", Detail: "revision 2 (draft)" });

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(2, await db.Accounts.CountAsync());

        var keys = factory.Services.GetRequiredService<IKeyManager>().GetAllKeys();
        Assert.Contains(keys, k => k.KeyId == Guid.Parse("8bfb7a4d-bddc-4fea-9eda-ee3d84f110ec"));
    }

    [Fact]
    public async Task A_fresh_data_directory_is_created_and_migrated_on_first_start()
    {
        using var factory = new PortalFactory();
        Directory.Delete(factory.DataDirectory);
        using var client = factory.CreateClient();

        using var home = await client.GetAsync("/en/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "portal.db")));

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.True(await db.Articles.AnyAsync(), "content/ was imported");
    }
}
