using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.Admin;

/// <summary>
/// ASP.NET Core Identity over <see cref="PortalDbContext"/>: user store, <c>PasswordHasher</c> (V3, which the accounts
/// written before Identity already use), security stamps and an authenticator (TOTP) token provider that accepts each
/// code once (<see cref="OneTimeAuthenticatorCodes"/>). The site and the command line register it the same way, so both
/// apply the same password rule.
/// </summary>
public static class AccountStores
{
    public static IServiceCollection AddAccountStores(this IServiceCollection services)
    {
        services.AddIdentityCore<AdminAccount>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.User.AllowedUserNameCharacters = ""; // the user name is the email address, whatever it holds
                // The portal's own rule (PasswordPolicy) is the only one; Identity's character-class rules are off.
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 1;
                identity.Password.RequiredLength = PasswordPolicy.MinimumLength;
                // Failures are counted by SignInThrottle with growing delays instead of Identity's fixed lockout.
                identity.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddUserManager<AccountManager>()
            .AddPasswordValidator<PolicyPasswordValidator>()
            .AddClaimsPrincipalFactory<AccountClaimsFactory>()
            .AddTokenProvider<OneTimeAuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider);
        return services;
    }
}

/// <summary>Identity's user manager, except that a new authenticator key starts with no used step.</summary>
public sealed class AccountManager(IUserStore<AdminAccount> store, IOptions<IdentityOptions> options, IPasswordHasher<AdminAccount> hasher,
    IEnumerable<IUserValidator<AdminAccount>> userValidators, IEnumerable<IPasswordValidator<AdminAccount>> passwordValidators,
    ILookupNormalizer normalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<AdminAccount>> logger,
    PortalDbContext db)
    : UserManager<AdminAccount>(store, options, hasher, userValidators, passwordValidators, normalizer, errors, services, logger)
{
    /// <summary>The steps used with the old key say nothing about the new one: its first code must not be refused.</summary>
    public override async Task<IdentityResult> ResetAuthenticatorKeyAsync(AdminAccount user)
    {
        var result = await base.ResetAuthenticatorKeyAsync(user);
        if (result.Succeeded)
        {
            // Not through the store's save, which leaves this column alone (see PortalDbContext).
            await db.Accounts.Where(a => a.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(a => a.AuthenticatorStep, (long?)null));
            user.AuthenticatorStep = null;
        }
        return result;
    }
}

/// <summary>Identity's claims (id, email as name, security stamp) plus the account's role.</summary>
public sealed class AccountClaimsFactory(UserManager<AdminAccount> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AdminAccount>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AdminAccount account)
    {
        var identity = await base.GenerateClaimsAsync(account);
        identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, account.Role.ToString()));
        return identity;
    }
}

/// <summary><see cref="PasswordPolicy"/> as an Identity validator, so no path through UserManager can skip it.</summary>
public sealed class PolicyPasswordValidator : IPasswordValidator<AdminAccount>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AdminAccount> manager, AdminAccount user, string? password) =>
        Task.FromResult(PasswordPolicy.Check(password) is var problem and not PasswordProblem.None
            ? IdentityResult.Failed(new IdentityError { Code = "Portal" + problem, Description = problem.ToString() })
            : IdentityResult.Success);
}
