using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Hosting;
using QRCoder;

namespace Portal.Admin;

public sealed record AuthenticatorSetup(string Key, string Uri, string QrCodeDataUri);

/// <summary>
/// Setting up the authenticator app (TOTP, RFC 6238, Identity's authenticator token provider) and recovery codes for
/// the signed-in account. An Admin needs it for the Admin pages; an Editor may choose it.
/// </summary>
public sealed class TwoFactorSetup(IServiceScopeFactory scopes, AuditLog audit, IOptions<PortalOptions> options)
{
    public const int RecoveryCodeCount = 10;

    public async Task<bool> IsEnabledAsync(int accountId)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await FindAsync(scope, accountId) is { TwoFactorEnabled: true };
    }

    /// <summary>The key to add to the app; made once and kept until two-factor is turned on with it.</summary>
    public async Task<AuthenticatorSetup?> SetupAsync(int accountId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await FindAsync(scope, accountId) is not { } account)
            return null;
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
        }
        var issuer = Uri.EscapeDataString(options.Value.BrandName);
        var uri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(account.Email!)}?secret={key}&issuer={issuer}&digits=6";
        using var qr = new QRCodeGenerator().CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(qr).GetGraphic(4);
        return new AuthenticatorSetup(Grouped(key!), uri, "data:image/png;base64," + Convert.ToBase64String(png));
    }

    /// <summary>Turns two-factor on when the code proves the app has the key; answers the recovery codes to show once.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(int accountId, string? code)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await FindAsync(scope, accountId) is not { } account)
            return null;
        var typed = new string((code ?? "").Where(char.IsDigit).ToArray());
        if (typed.Length == 0 || !await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, typed))
            return null;
        await users.SetTwoFactorEnabledAsync(account, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount);
        await audit.RecordAsync(account.Email!, AuditActions.TwoFactorEnabled);
        return codes?.ToList();
    }

    public async Task<IReadOnlyList<string>?> NewRecoveryCodesAsync(int accountId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await FindAsync(scope, accountId) is not { TwoFactorEnabled: true } account)
            return null;
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount);
        await audit.RecordAsync(account.Email!, AuditActions.RecoveryCodesRenewed);
        return codes?.ToList();
    }

    public async Task<int> RecoveryCodesLeftAsync(int accountId)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await FindAsync(scope, accountId) is { } account ? await Users(scope).CountRecoveryCodesAsync(account) : 0;
    }

    /// <summary>Only an Editor may turn it off again: the Admin pages require it.</summary>
    public async Task<bool> DisableAsync(int accountId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope);
        if (await FindAsync(scope, accountId) is not { TwoFactorEnabled: true, Role: AdminRole.Editor } account)
            return false;
        await users.SetTwoFactorEnabledAsync(account, false);
        await users.ResetAuthenticatorKeyAsync(account);
        await audit.RecordAsync(account.Email!, AuditActions.TwoFactorDisabled);
        return true;
    }

    private static string Grouped(string key) =>
        string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));

    private static UserManager<AdminAccount> Users(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<UserManager<AdminAccount>>();

    private static Task<AdminAccount?> FindAsync(AsyncServiceScope scope, int accountId) =>
        Users(scope).FindByIdAsync(accountId.ToString(CultureInfo.InvariantCulture));
}

/// <summary>The Admin pages need an account that signs in with a second factor.</summary>
public sealed class SecondFactorRequirement : IAuthorizationRequirement;

public sealed class SecondFactorHandler(IDbContextFactory<PortalDbContext> dbFactory) : AuthorizationHandler<SecondFactorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        if (SessionStore.AccountIdOf(context.User) is not { } accountId)
            return;
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Accounts.AnyAsync(a => a.Id == accountId && a.TwoFactorEnabled))
            context.Succeed(requirement);
    }
}
