using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Admin;
using Portal.Data;
using Portal.Tests.Support;

namespace Portal.Tests.Admin;

public sealed class SignInLockoutTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory factory;

    public SignInLockoutTests(PortalFactory factory) => this.factory = factory;

    [Fact]
    public async Task Five_wrong_passwords_make_the_account_wait_so_even_the_right_one_is_refused_from_anywhere()
    {
        var email = await AdminTestSupport.CreateAccountAsync(factory, AdminRole.Editor);
        var client = AdminTestSupport.Anonymous(factory);
        for (var i = 1; i < 5; i++)
            Assert.Contains("error=invalid", (await AdminTestSupport.PostSignInAsync(client, email, "wrong password " + i)).Headers.Location!.OriginalString);
        Assert.Contains("error=locked&retry=60", (await AdminTestSupport.PostSignInAsync(client, email, "wrong again")).Headers.Location!.OriginalString);

        var elsewhere = AdminTestSupport.Anonymous(factory);
        var withRightPassword = await AdminTestSupport.PostSignInAsync(elsewhere, email, AdminTestSupport.Password);
        Assert.Contains("error=locked", withRightPassword.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/admin")).StatusCode);

        var audit = await factory.Services.GetRequiredService<AuditLog>().NewestAsync();
        Assert.Contains(audit, e => e.Actor == email && e.Action == AuditActions.LockedOut);
        Assert.Contains(audit, e => e.Actor == email && e.Action == AuditActions.SignInFailed && e.Address != null && e.Address.StartsWith("198.51.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_successful_sign_in_is_audited_and_sign_out_ends_the_session()
    {
        var client = await AdminTestSupport.SignedInAsync(factory, AdminRole.Editor);
        var signOut = await client.PostAsync(AdminEndpoints.SignOutPath, new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = await AdminTestSupport.TokenAsync(client, "/admin") }));
        Assert.Equal(AdminRoles.SignInPath, signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/admin")).StatusCode);

        var audit = await factory.Services.GetRequiredService<AuditLog>().NewestAsync();
        Assert.Contains(audit, e => e.Action == AuditActions.SignIn);
        Assert.Contains(audit, e => e.Action == AuditActions.SignOut);
    }
}
