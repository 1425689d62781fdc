using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

/// <summary>
/// An authenticator code works once (RFC 6238 §5.2): a code typed again within its validity window, by anyone, is
/// refused, and so is any code of an older step. Codes are computed by Otp.NET as the phone app would.
/// </summary>
public sealed class AuthenticatorReplayTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory factory;

    public AuthenticatorReplayTests(PortalFactory factory) => this.factory = factory;

    /// <summary>A fresh client that has passed the password step and waits at the second one.</summary>
    private async Task<HttpClient> AtSecondStepAsync(string email)
    {
        var client = AdminTestSupport.Anonymous(factory);
        var response = await AdminTestSupport.PostSignInAsync(client, email, AdminTestSupport.Password);
        Assert.StartsWith(AdminRoles.SecondFactorPath, response.Headers.Location!.OriginalString);
        return client;
    }

    private static async Task<string> SecondStepAsync(HttpClient client, string code) =>
        (await AdminTestSupport.PostSecondFactorAsync(client, code)).Headers.Location!.OriginalString;

    [Fact]
    public async Task An_authenticator_code_signs_in_once_and_an_older_one_never()
    {
        var email = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Admin);
        var key = AdminTestSupport.AuthenticatorKeyOf(email);
        var code = AdminTestSupport.CodeFor(key);

        Assert.Equal("/admin", await SecondStepAsync(await AtSecondStepAsync(email), code));

        var second = await AtSecondStepAsync(email);
        Assert.StartsWith($"{AdminRoles.SecondFactorPath}?error=invalid", await SecondStepAsync(second, code));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await second.GetAsync("/admin")).StatusCode);
        // The app's next code is newer: it works, and from then on the step before it does not.
        Assert.Equal("/admin", await SecondStepAsync(second, AdminTestSupport.CodeFor(key, stepsAhead: 1)));
        Assert.StartsWith($"{AdminRoles.SecondFactorPath}?error=invalid", await SecondStepAsync(await AtSecondStepAsync(email), code));

        var audit = await factory.Services.GetRequiredService<AuditLog>().NewestAsync();
        Assert.Equal(2, audit.Count(e => e.Actor == email && e.Action == AuditActions.SignInFailed && e.Detail == "second factor"));
        Assert.Equal(2, audit.Count(e => e.Actor == email && e.Action == AuditActions.SignIn && e.Detail == "authenticator"));
    }

    [Fact]
    public async Task Two_sign_ins_racing_with_one_code_let_exactly_one_in()
    {
        var email = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Admin);
        var code = AdminTestSupport.CodeFor(AdminTestSupport.AuthenticatorKeyOf(email));
        var clients = new[] { await AtSecondStepAsync(email), await AtSecondStepAsync(email), await AtSecondStepAsync(email) };
        // Each client fetches its antiforgery token first, so that the posts themselves start together.
        var tokens = await Task.WhenAll(clients.Select(c => AdminTestSupport.TokenAsync(c, AdminRoles.SecondFactorPath)));

        var answers = await Task.WhenAll(clients.Select((client, i) => client.PostAsync(AdminEndpoints.SecondFactorSessionPath, new FormUrlEncodedContent(
            new Dictionary<string, string> { ["code"] = code, ["returnUrl"] = "/admin", ["__RequestVerificationToken"] = tokens[i] }))));

        var places = answers.Select(a => a.Headers.Location!.OriginalString).ToList();
        Assert.Single(places, p => p == "/admin");
        Assert.Equal(2, places.Count(p => p.StartsWith($"{AdminRoles.SecondFactorPath}?error=invalid", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_new_authenticator_key_starts_with_no_used_step()
    {
        var email = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Editor);
        var key = await AdminTestSupport.AddAuthenticatorAsync(factory.Services, email);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminAccount>>();
        var account = (await users.FindByEmailAsync(email))!;
        var before = StepNow();
        Assert.True(await users.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, AdminTestSupport.CodeFor(key, stepsAhead: 2)));
        Assert.InRange(await StoredStepAsync(email) ?? 0, before + 2, StepNow() + 2);

        // A new key (two-factor reset by an Admin, or turned off and on again): its code of this very step works.
        Assert.True((await users.ResetAuthenticatorKeyAsync(account)).Succeeded);
        Assert.Null(await StoredStepAsync(email));
        var newKey = (await users.GetAuthenticatorKeyAsync(account))!;
        Assert.True(await users.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, AdminTestSupport.CodeFor(newKey)));
        Assert.False(await users.VerifyTwoFactorTokenAsync(account, TokenOptions.DefaultAuthenticatorProvider, AdminTestSupport.CodeFor(newKey)));
    }

    [Fact]
    public async Task Saving_an_account_loaded_before_a_code_was_accepted_keeps_the_used_step()
    {
        var email = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Admin);
        await using var earlier = factory.Services.CreateAsyncScope();
        var earlierUsers = earlier.ServiceProvider.GetRequiredService<UserManager<AdminAccount>>();
        var loadedBefore = (await earlierUsers.FindByEmailAsync(email))!;

        var code = AdminTestSupport.CodeFor(AdminTestSupport.AuthenticatorKeyOf(email));
        Assert.Equal("/admin", await SecondStepAsync(await AtSecondStepAsync(email), code));
        // What a failed attempt does with the copy it loaded (SignInService counts the failure through the user store).
        loadedBefore.AccessFailedCount = 1;
        await earlier.ServiceProvider.GetRequiredService<IUserStore<AdminAccount>>().UpdateAsync(loadedBefore, CancellationToken.None);

        Assert.NotNull(await StoredStepAsync(email));
        Assert.StartsWith($"{AdminRoles.SecondFactorPath}?error=invalid", await SecondStepAsync(await AtSecondStepAsync(email), code));
    }

    private static long StepNow() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    private async Task<long?> StoredStepAsync(string email)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Accounts.Where(a => a.Email == email).Select(a => a.AuthenticatorStep).SingleAsync();
    }
}
