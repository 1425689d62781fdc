using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>
/// MoveAccountsToIdentity on a database written by the previous release (TestData/upgrade-from-net9, see its FIXTURE.md):
/// every account arrives in Identity's table with its email, role, password, failure count, lock, disabled flag and
/// security stamp. The copy is given, before the upgrade, the states the fixture lacks (a lock, failures, a disabled
/// account), written as that release stored them.
/// </summary>
public sealed class AccountMigrationTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "TestData", "upgrade-from-net9");
    private readonly PortalFactory factory = new();

    public AccountMigrationTests()
    {
        var database = Path.Combine(factory.DataDirectory, "portal.db");
        File.Copy(Path.Combine(Fixture, "database.sqlite"), database);
        var keys = Directory.CreateDirectory(Path.Combine(factory.DataDirectory, "keys"));
        foreach (var key in Directory.GetFiles(Path.Combine(Fixture, "keys")))
            File.Copy(key, Path.Combine(keys.FullName, Path.GetFileName(key)));

        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        // EF Core 6 wrote a nullable DateTimeOffset as text like this; the third account copies the editor's password hash.
        command.CommandText = """
            UPDATE Accounts SET FailedSignIns = 2 WHERE Email = 'admin@fixture.test';
            UPDATE Accounts SET FailedSignIns = 0, LockedUntil = '2099-01-02 03:04:05+00:00' WHERE Email = 'editor@fixture.test';
            INSERT INTO Accounts (Email, PasswordHash, Role, FailedSignIns, LockedUntil, CreatedAt, Disabled, SecurityStamp)
                SELECT 'gone@fixture.test', PasswordHash, 0, 0, NULL, CreatedAt, 1, 'f00dfeedf00dfeedf00dfeedf00dfeed' FROM Accounts WHERE Email = 'editor@fixture.test';
            """;
        command.ExecuteNonQuery();
    }

    private async Task<List<AdminAccount>> AccountsAsync()
    {
        _ = factory.Server; // starts the app, which migrates
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Accounts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task Every_account_arrives_in_Identity_with_its_role_stamp_lock_failures_and_disabled_flag()
    {
        var accounts = await AccountsAsync();
        Assert.Equal(["admin@fixture.test", "editor@fixture.test", "gone@fixture.test"], accounts.Select(a => a.Email));
        Assert.Equal(accounts.Select(a => a.Email!.ToUpperInvariant()), accounts.Select(a => a.NormalizedEmail));
        Assert.Equal(accounts.Select(a => a.Email), accounts.Select(a => a.UserName));
        Assert.Equal([AdminRole.Admin, AdminRole.Editor, AdminRole.Editor], accounts.Select(a => a.Role));
        Assert.Equal(["a192905410654e30aaa1dc6b6efc92f8", "e42d164a12534901b9228e74c512c8e8", "f00dfeedf00dfeedf00dfeedf00dfeed"], accounts.Select(a => a.SecurityStamp));
        Assert.Equal([2, 0, 0], accounts.Select(a => a.AccessFailedCount));
        Assert.Equal([null, new DateTimeOffset(2099, 1, 2, 3, 4, 5, TimeSpan.Zero), null], accounts.Select(a => a.LockoutEnd));
        Assert.Equal([false, false, true], accounts.Select(a => a.Disabled));
        Assert.All(accounts, a => Assert.StartsWith("AQAAAAIAAYag", a.PasswordHash));
        Assert.All(accounts, a => Assert.False(a.TwoFactorEnabled));
        // 2026-11-30T02:17:26.8164+00:00, the admin's creation time in the fixture, survives as it was stored.
        Assert.Equal("2026-11-30T02:17:26", accounts[0].CreatedAt.UtcDateTime.ToString("s", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Old_passwords_sign_in_the_lock_and_the_disabled_flag_still_hold_and_new_accounts_get_fresh_ids()
    {
        await AccountsAsync();
        var admin = AdminTestSupport.Anonymous(factory);
        var signIn = await AdminTestSupport.PostSignInAsync(admin, "admin@fixture.test", "Fixture-Admin-Passphrase-1");
        Assert.Equal("/admin", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin")).StatusCode);
        // The migrated Admin has no second factor yet: the Admin pages ask for one first.
        Assert.Equal(AdminRoles.TwoFactorPath + "?required=true", (await admin.GetAsync("/admin/audit")).Headers.Location?.OriginalString);

        var lockedEditor = await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), "editor@fixture.test", "Fixture-Editor-Passphrase-2");
        Assert.Contains("error=locked", lockedEditor.Headers.Location!.OriginalString);
        var disabled = await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), "gone@fixture.test", "Fixture-Editor-Passphrase-2");
        Assert.Contains("error=invalid", disabled.Headers.Location!.OriginalString);

        var unlocked = await factory.Services.GetRequiredService<AccountAdministration>().UnlockAsync(2, "admin@fixture.test");
        Assert.Equal(AccountProblem.None, unlocked);
        var editor = await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), "editor@fixture.test", "Fixture-Editor-Passphrase-2");
        Assert.Equal("/admin", editor.Headers.Location?.OriginalString);

        var created = await factory.Services.GetRequiredService<AccountService>().CreateAsync("new@fixture.test", AdminTestSupport.Password, AdminRole.Editor);
        Assert.Equal(4, created.Account!.Id);
    }

    public void Dispose() => factory.Dispose();
}
