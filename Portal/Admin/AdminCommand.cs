using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Hosting;

namespace Portal.Admin;

/// <summary>
/// <c>Portal admin create &lt;email&gt; [--role Admin|Editor]</c>: creates an account in the same database the
/// site uses (same configuration, same <see cref="PortalPaths"/>), migrating it first if needed. The password
/// comes from PORTAL_ADMIN_PASSWORD (automation) or is typed twice without echo. There is no default password.
/// Exit codes: 0 created, 1 usage, 2 refused (weak password, duplicate or invalid email).
/// </summary>
public sealed class AdminCommand(IConfiguration configuration, TextWriter output, TextWriter error,
    Func<string, string?> environment, Func<string, string?> readSecret)
{
    public const string PasswordVariable = "PORTAL_ADMIN_PASSWORD";
    public const int Usage = 1;
    public const int Refused = 2;

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
        if (args is not ["create", var email, ..] || !TryParseRole(args[2..], out var role))
        {
            await error.WriteLineAsync("Usage: Portal admin create <email> [--role Admin|Editor]");
            await error.WriteLineAsync($"The password is read from {PasswordVariable}, or typed (twice, not shown) when it is not set.");
            return Usage;
        }

        var password = environment(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            password = readSecret("Password: ");
            if (password != readSecret("Repeat the password: "))
            {
                await error.WriteLineAsync("The two passwords differ; no account was created.");
                return Refused;
            }
        }

        var options = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        var paths = PortalPaths.Resolve(options, Directory.GetCurrentDirectory());
        // The database the site uses: Portal:Database:Provider and ConnectionStrings__Portal from the environment.
        await using var dbFactory = PortalDatabase.FromConfiguration(configuration, paths);
        if (dbFactory.Provider == DatabaseProvider.Sqlite)
            Directory.CreateDirectory(paths.DataDirectory);
        await using (await dbFactory.LockStartupAsync())
        await using (var db = dbFactory.CreateDbContext())
            await db.Database.MigrateAsync();

        var accounts = new AccountService(dbFactory, TimeProvider.System);
        var result = await accounts.CreateAsync(email, password ?? "", role);
        switch (result.Problem)
        {
            case AccountProblem.WeakPassword:
                await error.WriteLineAsync(result.PasswordProblem == PasswordProblem.TooShort
                    ? $"The password is too weak: use at least {PasswordPolicy.MinimumLength} characters. No account was created."
                    : "The password is too weak: it is a simple repetition or sequence. Use a longer, varied passphrase. No account was created.");
                return Refused;
            case AccountProblem.DuplicateEmail:
                await error.WriteLineAsync($"An account for {AccountService.Normalize(email)} already exists; no account was created.");
                return Refused;
            case AccountProblem.InvalidEmail:
                await error.WriteLineAsync($"'{email}' is not an email address; no account was created.");
                return Refused;
        }
        await new AuditLog(dbFactory, TimeProvider.System).RecordAsync("command line", AuditActions.AccountCreated, result.Account!.Email, role.ToString());
        await output.WriteLineAsync($"Created {role} account {result.Account.Email} in {(dbFactory.Provider == DatabaseProvider.Sqlite ? paths.DatabaseFile : "the PostgreSQL database")}.");
        return 0;
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
