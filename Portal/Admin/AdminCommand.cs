using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Microsoft.Extensions.Options;
using Portal.Hosting;

namespace Portal.Admin;

/// <summary>
/// <c>Portal admin create|reset-password|disable|reset-two-factor &lt;email&gt;</c>: works on the same database the site uses (same
/// configuration, same <see cref="PortalPaths"/>), migrating it first if needed, through the same Identity services.
/// A password comes from PORTAL_ADMIN_PASSWORD (automation) or is typed twice without echo; there is no default one.
/// Resetting a password or disabling an account ends its sessions at once.
/// Exit codes: 0 done, 1 usage, 2 refused (weak password, duplicate, unknown or invalid email, last Admin), 3 the
/// PostgreSQL database cannot be used (the same one line as the site's start, see <see cref="PostgreSqlFaults"/>).
/// </summary>
public sealed class AdminCommand(IConfiguration configuration, TextWriter output, TextWriter error,
    Func<string, string?> environment, Func<string, string?> readSecret)
{
    public const string PasswordVariable = "PORTAL_ADMIN_PASSWORD";
    public const int Usage = 1;
    public const int Refused = 2;
    private const string Actor = "command line";

    public static Task<int> RunFromConsoleAsync(string[] args)
    {
        var (settings, rest) = SplitSettings(args);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(settings)
            .Build();
        return new AdminCommand(configuration, Console.Out, Console.Error, Environment.GetEnvironmentVariable, ConsoleSecret.Read)
            .RunAsync(rest);
    }

    public async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["create", var email, ..] when TryParseRole(args[2..], out var role):
                return await WithServicesAsync(services => CreateAsync(services, email, role));
            case ["reset-password", var email]:
                return await WithServicesAsync(services => ResetPasswordAsync(services, email));
            case ["disable", var email]:
                return await WithServicesAsync(services => DisableAsync(services, email));
            case ["reset-two-factor", var email]:
                return await WithServicesAsync(services => ResetTwoFactorAsync(services, email));
            default:
                await error.WriteLineAsync("Usage: Portal admin create <email> [--role Admin|Editor]");
                await error.WriteLineAsync("       Portal admin reset-password <email>");
                await error.WriteLineAsync("       Portal admin disable <email>");
                await error.WriteLineAsync("       Portal admin reset-two-factor <email>");
                await error.WriteLineAsync($"A password is read from {PasswordVariable}, or typed (twice, not shown) when it is not set.");
                return Usage;
        }
    }

    private async Task<int> CreateAsync(IServiceProvider services, string email, AdminRole role)
    {
        if (await ReadPasswordAsync() is not { } password)
            return Refused;
        var result = await services.GetRequiredService<AccountService>().CreateAsync(email, password, role);
        switch (result.Problem)
        {
            case AccountProblem.WeakPassword:
                await WeakPasswordAsync(result.PasswordProblem, "No account was created.");
                return Refused;
            case AccountProblem.DuplicateEmail:
                await error.WriteLineAsync($"An account for {AccountService.Normalize(email)} already exists; no account was created.");
                return Refused;
            case AccountProblem.InvalidEmail:
                await error.WriteLineAsync($"'{email}' is not an email address; no account was created.");
                return Refused;
        }
        await services.GetRequiredService<AuditLog>().RecordAsync(Actor, AuditActions.AccountCreated, result.Account!.Email!, role.ToString());
        var database = services.GetRequiredService<PortalDatabase>();
        await output.WriteLineAsync($"Created {role} account {result.Account.Email} in {(database.Provider == DatabaseProvider.Sqlite ? services.GetRequiredService<PortalPaths>().DatabaseFile : "the PostgreSQL database")}.");
        return 0;
    }

    private async Task<int> ResetPasswordAsync(IServiceProvider services, string email)
    {
        if (await FindAsync(services, email) is not { } accountId || await ReadPasswordAsync() is not { } password)
            return Refused;
        var (problem, weakness) = await services.GetRequiredService<AccountAdministration>().ResetPasswordAsync(accountId, password, Actor);
        if (problem == AccountProblem.WeakPassword)
        {
            await WeakPasswordAsync(weakness, "The password was not changed.");
            return Refused;
        }
        await output.WriteLineAsync($"The password of {AccountService.Normalize(email)} was reset; its sessions have ended.");
        return 0;
    }

    private async Task<int> DisableAsync(IServiceProvider services, string email)
    {
        if (await FindAsync(services, email) is not { } accountId)
            return Refused;
        if (await services.GetRequiredService<AccountAdministration>().SetDisabledAsync(accountId, true, Actor) == AccountProblem.LastAdmin)
        {
            await error.WriteLineAsync($"{AccountService.Normalize(email)} is the last active Admin; it stays enabled.");
            return Refused;
        }
        await output.WriteLineAsync($"Disabled {AccountService.Normalize(email)}; its sessions have ended.");
        return 0;
    }

    private async Task<int> ResetTwoFactorAsync(IServiceProvider services, string email)
    {
        if (await FindAsync(services, email) is not { } accountId)
            return Refused;
        await services.GetRequiredService<AccountAdministration>().ResetTwoFactorAsync(accountId, Actor);
        await output.WriteLineAsync($"Two-factor sign-in of {AccountService.Normalize(email)} is off until it is set up again; its sessions have ended.");
        return 0;
    }

    private async Task<int?> FindAsync(IServiceProvider services, string email)
    {
        var id = await services.GetRequiredService<AccountAdministration>().FindIdAsync(email);
        if (id is null)
            await error.WriteLineAsync($"There is no account for {AccountService.Normalize(email)}.");
        return id;
    }

    private async Task<string?> ReadPasswordAsync()
    {
        var password = environment(PasswordVariable);
        if (!string.IsNullOrEmpty(password))
            return password;
        password = readSecret("Password: ");
        if (password == readSecret("Repeat the password: "))
            return password ?? "";
        await error.WriteLineAsync("The two passwords differ; nothing was changed.");
        return null;
    }

    private Task WeakPasswordAsync(PasswordProblem problem, string consequence) =>
        error.WriteLineAsync(problem == PasswordProblem.TooShort
            ? $"The password is too weak: use at least {PasswordPolicy.MinimumLength} characters. {consequence}"
            : $"The password is too weak: it is a simple repetition or sequence. Use a longer, varied passphrase. {consequence}");

    /// <summary>The site's account services over the configured database, migrated first.</summary>
    private async Task<int> WithServicesAsync(Func<IServiceProvider, Task<int>> command)
    {
        var options = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        var paths = PortalPaths.Resolve(options, Directory.GetCurrentDirectory());

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(paths);
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(TimeProvider.System);
        // The database the site uses: Portal:Database:Provider and ConnectionStrings__Portal from the environment.
        services.AddPortalDatabase(sp => PortalDatabase.FromConfiguration(configuration, paths, sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ChangeFeed>();
        services.AddAccountStores();
        services.AddSingleton<AuditLog>().AddSingleton<SessionStore>().AddSingleton<AccountService>().AddSingleton<AccountAdministration>();
        await using var provider = services.BuildServiceProvider();

        try
        {
            var database = provider.GetRequiredService<PortalDatabase>();
            if (database.Provider == DatabaseProvider.Sqlite)
                Directory.CreateDirectory(paths.DataDirectory);
            await using (await database.LockStartupAsync())
            await using (var db = database.CreateDbContext())
                await db.Database.MigrateAsync();
            return await command(provider);
        }
        catch (Exception e) when (PostgreSqlFaults.IsStartupFault(e))
        {
            await error.WriteLineAsync($"Cannot use the database: {PostgreSqlFaults.StartupProblem(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName), e)}");
            return PortalSetup.DataFaultExitCode;
        }
    }

    private static bool TryParseRole(string[] options, out AdminRole role)
    {
        role = AdminRole.Admin;
        return options switch
        {
            [] => true,
            ["--role", var name] => Enum.TryParse(name, ignoreCase: true, out role) && Enum.IsDefined(role),
            _ => false,
        };
    }

    /// <summary>"--Portal:DataDirectory=…" style arguments are configuration, as for the site; the rest is the command.</summary>
    private static (string[] Settings, string[] Command) SplitSettings(string[] args)
    {
        var settings = args.Where(a => a.StartsWith("--Portal:", StringComparison.OrdinalIgnoreCase)).ToArray();
        return (settings, args.Except(settings).ToArray());
    }
}

/// <summary>Reads a line from the terminal without showing it; falls back to a plain line when input is redirected.</summary>
public static class ConsoleSecret
{
    public static string? Read(string prompt)
    {
        Console.Error.Write(prompt);
        if (Console.IsInputRedirected)
            return Console.ReadLine();
        var secret = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
                break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                    secret.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                secret.Append(key.KeyChar);
            }
        }
        Console.Error.WriteLine();
        return secret.ToString();
    }
}
