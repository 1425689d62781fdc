using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Portal.Hosting;

namespace Portal.Admin;

/// <summary>
/// An open interactive page keeps the user it started with. This asks whether its session still exists on the server at
/// once when an account changes on any instance (<see cref="ChangeKind.Accounts"/>: a disabled, deleted or changed
/// account's sessions are gone), and every minute for sessions ended otherwise (sign-out in another tab, expiry). A page
/// whose session is gone turns anonymous, and the admin pages then send it to sign in (AdminProviders).
/// </summary>
public sealed class SessionRevalidation : RevalidatingServerAuthenticationStateProvider
{
    private readonly SessionStore sessions;
    private readonly IDisposable accountChanges;

    public SessionRevalidation(ILoggerFactory loggerFactory, SessionStore sessions, ChangeFeed changes) : base(loggerFactory)
    {
        this.sessions = sessions;
        accountChanges = changes.Subscribe(ChangeKind.Accounts, RevalidateNowAsync);
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        authenticationState.User.Identity?.IsAuthenticated == true ? sessions.IsActiveAsync(authenticationState.User) : Task.FromResult(true);

    private async Task RevalidateNowAsync()
    {
        var state = await GetAuthenticationStateAsync();
        if (!await ValidateAuthenticationStateAsync(state, CancellationToken.None))
            SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            accountChanges.Dispose();
        base.Dispose(disposing);
    }
}
