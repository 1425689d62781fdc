using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Portal.Articles;
using Portal.Data;
using Portal.Hosting;
using Portal.Localization;

namespace Portal.Admin;

/// <summary>
/// Sign-in (password, then the second factor where the account has one) and sign-out are plain form POSTs to minimal
/// endpoints: a static page cannot set a cookie once it has started rendering. All check the antiforgery token the
/// page's form carries. Each of them writes (audit entry, failure count, authenticator step, server session), so a
/// database that refuses writes answers "the server cannot save right now" on the page, not a 500 or "wrong password".
/// </summary>
public static class AdminEndpoints
{
    public const string SessionPath = "/admin/session";
    public const string SecondFactorSessionPath = "/admin/session/two-factor";
    public const string SignOutPath = "/admin/signout";
    public const string SignInRateLimit = "admin-sign-in";
    /// <summary>The pages' <c>error</c> value for <see cref="StorageFaults"/>.</summary>
    public const string StorageError = "storage";

    private const string StampClaim = "portal:security-stamp";

    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(SessionPath, async (HttpContext context, SignInService signIn) =>
        {
            // Read after the antiforgery filter has passed; binding [FromForm] parameters would happen before it.
            var form = await context.Request.ReadFormAsync();
            var (email, password, returnUrl) = (form["email"].ToString(), form["password"].ToString(), SafeReturnUrl(form["returnUrl"].ToString()));
            var result = await signIn.SignInAsync(email, password, ClientAddress(context));
            switch (result.Outcome)
            {
                case SignInOutcome.Succeeded:
                    await StartSessionAsync(context, result.Account!);
                    return Results.Redirect(returnUrl);
                case SignInOutcome.NeedsSecondFactor:
                    var pending = new ClaimsIdentity(
                        [new Claim(ClaimTypes.NameIdentifier, result.Account!.Id.ToString(CultureInfo.InvariantCulture)), new Claim(StampClaim, result.Account.SecurityStamp ?? "")],
                        AdminRoles.TwoFactorScheme);
                    await context.SignInAsync(AdminRoles.TwoFactorScheme, new ClaimsPrincipal(pending));
                    return Results.Redirect($"{AdminRoles.SecondFactorPath}?returnUrl={Uri.EscapeDataString(returnUrl)}");
                default:
                    return Results.Redirect($"{AdminRoles.SignInPath}?{Refusal(context, result)}&returnUrl={Uri.EscapeDataString(returnUrl)}");
            }
        }).AllowAnonymous().RequireRateLimiting(SignInRateLimit).DisableAntiforgery().AddEndpointFilter(RequireAntiforgery)
            .AddEndpointFilter(RefuseOnStorageFault(AdminRoles.SignInPath, "sign in"));

        app.MapPost(SecondFactorSessionPath, async (HttpContext context, SignInService signIn) =>
        {
            var form = await context.Request.ReadFormAsync();
            var returnUrl = SafeReturnUrl(form["returnUrl"].ToString());
            var pending = await context.AuthenticateAsync(AdminRoles.TwoFactorScheme);
            if (SessionStore.AccountIdOf(pending.Principal) is not { } accountId)
                return Results.Redirect($"{AdminRoles.SignInPath}?error=expired&returnUrl={Uri.EscapeDataString(returnUrl)}");

            var code = form["code"].ToString().Trim();
            var isRecoveryCode = !code.Replace(" ", "", StringComparison.Ordinal).All(char.IsDigit);
            var result = await signIn.SecondFactorAsync(accountId, pending.Principal!.FindFirstValue(StampClaim) ?? "",
                isRecoveryCode ? code.ToUpperInvariant() : code, isRecoveryCode, ClientAddress(context));
            if (result.Outcome != SignInOutcome.Succeeded)
                return Results.Redirect($"{AdminRoles.SecondFactorPath}?{Refusal(context, result)}&returnUrl={Uri.EscapeDataString(returnUrl)}");
            // The session first: should its write fail, the pending second step is still there to try again.
            await StartSessionAsync(context, result.Account!);
            await context.SignOutAsync(AdminRoles.TwoFactorScheme);
            return Results.Redirect(returnUrl);
        }).AllowAnonymous().RequireRateLimiting(SignInRateLimit).DisableAntiforgery().AddEndpointFilter(RequireAntiforgery)
            .AddEndpointFilter(RefuseOnStorageFault(AdminRoles.SecondFactorPath, "finish signing in"));

        app.MapPost(SignOutPath, async (HttpContext context, AuditLog audit) =>
        {
            await audit.RecordAsync(context.User.Identity?.Name ?? "", AuditActions.SignOut, address: ClientAddress(context));
            // Removes the session's row: the cookie, and any copy of it, no longer opens anything.
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(AdminRoles.SignInPath);
        }).RequireAuthorization(AdminRoles.ContentPolicy).DisableAntiforgery().AddEndpointFilter(RequireAntiforgery)
            .AddEndpointFilter(RefuseOnStorageFault(AdminRoles.SignInPath, "sign out"));

        // The admin area has no language in its URLs; its choice is kept in its own cookie, apart from the readers' one.
        app.MapGet("/admin/language/{code}", (HttpContext context, string code) =>
        {
            if (Languages.Find(code) is { } language)
                AdminLanguageCookie.Write(context, language);
            return Results.Redirect("/admin");
        }).RequireAuthorization(AdminRoles.ContentPolicy);
    }

    /// <summary>The client's address, as the forwarded-headers middleware left it (a configured proxy's X-Forwarded-For).</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async Task StartSessionAsync(HttpContext context, AdminAccount account)
    {
        var principal = await context.RequestServices.GetRequiredService<IUserClaimsPrincipalFactory<AdminAccount>>().CreateAsync(account);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
    }

    /// <summary>"error=invalid", or "error=locked&amp;retry=seconds": the same for every address typed, known or not.</summary>
    private static string Refusal(HttpContext context, SignInResult result) =>
        result is { Outcome: SignInOutcome.LockedOut, RetryAt: { } at }
            ? FormattableString.Invariant($"error=locked&retry={Math.Max(1, (int)Math.Ceiling((at - context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()).TotalSeconds))}")
            : "error=invalid";

    /// <summary>
    /// A write refused by the database (read-only or full, <see cref="StorageFaults"/>) sends the browser back to
    /// <paramref name="page"/> with <c>error=storage</c>, where it reads "the server cannot save right now", and logs
    /// one line saying why. Nothing was changed: no session was started or ended.
    /// </summary>
    private static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> RefuseOnStorageFault(string page, string what) =>
        async (invocation, next) =>
        {
            try
            {
                return await next(invocation);
            }
            catch (Exception e) when (StorageFaults.IsStorageFault(e))
            {
                var context = invocation.HttpContext;
                context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminEndpoints).FullName!).LogError(
                    "Cannot {What}: {Reason}. Make the data folder writable (or free disk space); reading is unaffected",
                    what, StorageFaults.Describe(context.RequestServices.GetRequiredService<PortalPaths>().DatabaseFile, e));
                var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
                var returnUrl = SafeReturnUrl(form?["returnUrl"].ToString());
                return Results.Redirect($"{page}?error={StorageError}&returnUrl={Uri.EscapeDataString(returnUrl)}");
            }
        };

    /// <summary>
    /// The forms check the token here, before the handler runs: an invalid token is a plain 400, whereas the
    /// automatic check of form binding leaves an invalid-token state that fails the error page's re-execution.
    /// </summary>
    public static async ValueTask<object?> RequireAntiforgery(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var antiforgery = invocation.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(invocation.HttpContext))
            return Results.BadRequest();
        return await next(invocation);
    }

    /// <summary>Only local admin paths: a crafted link must not send a fresh session to another site.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/admin", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Contains('\\') ? url : "/admin";
}
