using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Portal.Articles;
using Portal.Localization;

namespace Portal.Admin;

/// <summary>
/// Sign-in and sign-out are plain form POSTs to minimal endpoints: a static page cannot set a cookie
/// once it has started rendering. Both check the antiforgery token the page's form carries.
/// </summary>
public static class AdminEndpoints
{
    public const string SessionPath = "/admin/session";
    public const string SignOutPath = "/admin/signout";
    public const string SignInRateLimit = "admin-sign-in";

    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(SessionPath, async (HttpContext context, SignInService signIn) =>
        {
            // Read after the antiforgery filter has passed; binding [FromForm] parameters would happen before it.
            var form = await context.Request.ReadFormAsync();
            var (email, password, returnUrl) = (form["email"].ToString(), form["password"].ToString(), form["returnUrl"].ToString());
            var result = await signIn.SignInAsync(email, password);
            if (result.Outcome != SignInOutcome.Succeeded)
            {
                var error = result.Outcome == SignInOutcome.LockedOut ? "locked" : "invalid";
                return Results.Redirect($"{AdminRoles.SignInPath}?error={error}&returnUrl={Uri.EscapeDataString(SafeReturnUrl(returnUrl))}");
            }
            var account = result.Account!;
            var identity = new ClaimsIdentity(SessionValidator.ClaimsFor(account), CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect(SafeReturnUrl(returnUrl));
        }).AllowAnonymous().RequireRateLimiting(SignInRateLimit).DisableAntiforgery().AddEndpointFilter(RequireAntiforgery);

        app.MapPost(SignOutPath, async (HttpContext context, AuditLog audit) =>
        {
            await audit.RecordAsync(context.User.Identity?.Name ?? "", AuditActions.SignOut);
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(AdminRoles.SignInPath);
        }).RequireAuthorization(AdminRoles.ContentPolicy).DisableAntiforgery().AddEndpointFilter(RequireAntiforgery);

        // The admin area has no language in its URLs; its choice is kept in its own cookie, apart from the readers' one.
        app.MapGet("/admin/language/{code}", (HttpContext context, string code) =>
        {
            if (Languages.Find(code) is { } language)
                AdminLanguageCookie.Write(context, language);
            return Results.Redirect("/admin");
        }).RequireAuthorization(AdminRoles.ContentPolicy);
    }

    /// <summary>
    /// Both forms check the token here, before the handler runs: an invalid token is a plain 400, whereas the
    /// automatic check of form binding leaves an invalid-token state that fails the error page's re-execution.
    /// </summary>
    private static async ValueTask<object?> RequireAntiforgery(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
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
