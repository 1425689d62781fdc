using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Admin;

public enum AccountProblem { None, InvalidEmail, DuplicateEmail, WeakPassword, NotFound, LastAdmin }

public sealed record CreateAccountResult(AdminAccount? Account, AccountProblem Problem, PasswordProblem PasswordProblem = PasswordProblem.None)
{
    public bool Succeeded => Account is not null;
}

/// <summary>
/// Creates and lists admin accounts through Identity's <see cref="UserManager{TUser}"/>; used by the accounts page
/// and by <c>Portal admin create</c>. Changes: <see cref="AccountAdministration"/>. Each call gets its own scope, so
/// a long-lived caller (an interactive page) never holds a stale context.
/// </summary>
public sealed class AccountService(IServiceScopeFactory scopes, IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public async Task<CreateAccountResult> CreateAsync(string email, string password, AdminRole role)
    {
        var normalized = Normalize(email);
        if (!IsPlausibleEmail(normalized))
            return new CreateAccountResult(null, AccountProblem.InvalidEmail);
        if (PasswordPolicy.Check(password) is var weakness and not PasswordProblem.None)
            return new CreateAccountResult(null, AccountProblem.WeakPassword, weakness);

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminAccount>>();
        if (await users.FindByEmailAsync(normalized) is not null)
            return new CreateAccountResult(null, AccountProblem.DuplicateEmail);

        var account = new AdminAccount { UserName = normalized, Email = normalized, EmailConfirmed = true, Role = role, CreatedAt = clock.GetUtcNow() };
        try
        {
            var created = await users.CreateAsync(account, password);
            if (!created.Succeeded)
                return new CreateAccountResult(null, created.Errors.Any(e => e.Code.Contains("Duplicate", StringComparison.Ordinal))
                    ? AccountProblem.DuplicateEmail : AccountProblem.InvalidEmail);
        }
        catch (DbUpdateException)
        {
            return new CreateAccountResult(null, AccountProblem.DuplicateEmail); // created meanwhile by someone else
        }
        return new CreateAccountResult(account, AccountProblem.None);
    }

    public async Task<IReadOnlyList<AdminAccount>> ListAsync()
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Accounts.AsNoTracking().OrderBy(a => a.Email).ToListAsync();
    }

    private static bool IsPlausibleEmail(string email)
    {
        var at = email.IndexOf('@');
        return email.Length <= 254 && at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1 && !email.Any(char.IsWhiteSpace);
    }
}
