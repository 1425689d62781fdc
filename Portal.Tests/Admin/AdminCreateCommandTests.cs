using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;

namespace Portal.Tests.Admin;

/// <summary><c>Portal admin create</c>, run as a class with the password variable and a temporary data directory.</summary>
public sealed class AdminCreateCommandTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("portal-cli-").FullName;
    private readonly StringWriter output = new(), error = new();

    private Task<int> RunAsync(string password, params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Portal:DataDirectory"] = dataDirectory,
            ["Portal:ContentDirectory"] = Path.Combine(dataDirectory, "content"),
        }).Build();
        var environment = new Dictionary<string, string?> { [AdminCommand.PasswordVariable] = password };
        return new AdminCommand(configuration, output, error, name => environment.GetValueOrDefault(name),
            _ => throw new InvalidOperationException("the password comes from the environment here")).RunAsync(args);
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_exit_code_2_and_a_clear_message()
    {
        Assert.Equal(2, await RunAsync("123", "create", "first@example.org"));
        Assert.Contains("too weak", error.ToString());
        Assert.Contains("at least 12 characters", error.ToString());
    }

    [Fact]
    public async Task A_duplicate_email_is_refused_with_exit_code_2_and_a_clear_message()
    {
        Assert.Equal(0, await RunAsync("a long and varied passphrase", "create", "first@example.org"));
        Assert.Equal(2, await RunAsync("another long passphrase!", "create", "First@Example.org"));
        Assert.Contains("already exists", error.ToString());
    }

    [Fact]
    public async Task The_created_admin_lands_in_the_site_database_and_can_sign_in()
    {
        Assert.Equal(0, await RunAsync("a long and varied passphrase", "create", "boss@example.org"));
        Assert.True(File.Exists(Path.Combine(dataDirectory, "portal.db")));
        Assert.Contains("Created Admin account boss@example.org", output.ToString());

        using var factory = new Support.PortalFactory();
        factory.Settings["Portal:DataDirectory"] = dataDirectory;
        var client = AdminTestSupport.Anonymous(factory);
        var response = await AdminTestSupport.PostSignInAsync(client, "boss@example.org", "a long and varied passphrase");
        Assert.Equal("/admin", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Reset_password_ends_the_sessions_and_only_the_new_password_signs_in()
    {
        Assert.Equal(0, await RunAsync("a long and varied passphrase", "create", "boss@example.org"));
        Assert.Equal(0, await RunAsync("a long and varied passphrase", "create", "writer@example.org", "--role", "Editor"));
        using var factory = new Support.PortalFactory();
        factory.Settings["Portal:DataDirectory"] = dataDirectory;
        var session = AdminTestSupport.Anonymous(factory);
        Assert.Equal("/admin", (await AdminTestSupport.PostSignInAsync(session, "writer@example.org", "a long and varied passphrase")).Headers.Location?.OriginalString);

        Assert.Equal(2, await RunAsync("short", "reset-password", "writer@example.org"));
        Assert.Contains("at least 12 characters", error.ToString());
        Assert.Equal(2, await RunAsync("a brand new passphrase", "reset-password", "nobody@example.org"));
        Assert.Contains("no account for nobody@example.org", error.ToString());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await session.GetAsync("/admin")).StatusCode);

        Assert.Equal(0, await RunAsync("a brand new passphrase", "reset-password", "Writer@Example.org"));
        Assert.Contains("was reset", output.ToString());
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await session.GetAsync("/admin")).StatusCode);
        Assert.Contains("error=invalid", (await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), "writer@example.org", "a long and varied passphrase")).Headers.Location!.OriginalString);
        Assert.Equal("/admin", (await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), "writer@example.org", "a brand new passphrase")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Disable_ends_the_sessions_and_refuses_the_last_active_admin()
    {
        Assert.Equal(0, await RunAsync("a long and varied passphrase", "create", "boss@example.org"));
        Assert.Equal(0, await RunAsync("a long and varied passphrase", "create", "writer@example.org", "--role", "Editor"));
        using var factory = new Support.PortalFactory();
        factory.Settings["Portal:DataDirectory"] = dataDirectory;
        var session = AdminTestSupport.Anonymous(factory);
        Assert.Equal("/admin", (await AdminTestSupport.PostSignInAsync(session, "writer@example.org", "a long and varied passphrase")).Headers.Location?.OriginalString);

        Assert.Equal(2, await RunAsync("", "disable", "boss@example.org"));
        Assert.Contains("last active Admin", error.ToString());
        Assert.Equal(0, await RunAsync("", "disable", "writer@example.org"));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await session.GetAsync("/admin")).StatusCode);
        Assert.Contains("error=invalid", (await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), "writer@example.org", "a long and varied passphrase")).Headers.Location!.OriginalString);

        var audit = await factory.Services.GetRequiredService<AuditLog>().NewestAsync();
        Assert.Contains(audit, e => e is { Actor: "command line", Action: AuditActions.AccountDisabled, Target: "writer@example.org" });
    }

    [Fact]
    public async Task Reset_two_factor_lets_an_admin_who_lost_the_phone_sign_in_with_the_password_and_set_it_up_again()
    {
        Assert.Equal(0, await RunAsync("a long and varied passphrase", "create", "boss@example.org"));
        using var factory = new Support.PortalFactory();
        factory.Settings["Portal:DataDirectory"] = dataDirectory;
        await AdminTestSupport.AddAuthenticatorAsync(factory.Services, "boss@example.org");
        Assert.StartsWith(Portal.Admin.AdminRoles.SecondFactorPath, (await AdminTestSupport.PostSignInAsync(AdminTestSupport.Anonymous(factory), "boss@example.org", "a long and varied passphrase")).Headers.Location!.OriginalString);

        Assert.Equal(0, await RunAsync("", "reset-two-factor", "boss@example.org"));
        var client = AdminTestSupport.Anonymous(factory);
        Assert.Equal("/admin", (await AdminTestSupport.PostSignInAsync(client, "boss@example.org", "a long and varied passphrase")).Headers.Location?.OriginalString);
        Assert.Equal(Portal.Admin.AdminRoles.TwoFactorPath + "?required=true", (await client.GetAsync("/admin/accounts")).Headers.Location?.OriginalString);
        Assert.Contains(await factory.Services.GetRequiredService<AuditLog>().NewestAsync(), e => e is { Action: AuditActions.TwoFactorReset, Target: "boss@example.org" });
    }

    [Fact]
    public async Task Without_an_email_the_command_explains_its_usage()
    {
        Assert.Equal(1, await RunAsync("a long and varied passphrase", "create"));
        Assert.Contains("Usage: Portal admin create <email>", error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }
}
