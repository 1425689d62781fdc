using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Portal.Admin;

/// <summary>
/// An open interactive page keeps the user it started with; this checks the security stamp again every minute, so
/// a session ended by an account change also loses its already open editor or accounts page.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, SessionValidator sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        authenticationState.User.Identity?.IsAuthenticated == true ? sessions.IsCurrentAsync(authenticationState.User) : Task.FromResult(true);
}
