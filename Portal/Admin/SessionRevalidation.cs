using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Portal.Admin;

/// <summary>
/// An open interactive page keeps the user it started with; this asks every minute whether its session still exists
/// on the server, so a session ended by sign-out or an account change also loses its already open editor or accounts page.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, SessionStore sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        authenticationState.User.Identity?.IsAuthenticated == true ? sessions.IsActiveAsync(authenticationState.User) : Task.FromResult(true);
}
