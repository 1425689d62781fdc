using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Portal.Components.Pages.Admin;

/// <summary>An Editor on an Admin-only page: a 403 with a proper page (what happened, links back), not a redirect loop.</summary>
public static class AdminForbidden
{
    public static Task RespondAsync(RedirectContext<CookieAuthenticationOptions> context) =>
        new RazorComponentResult<ForbiddenDocument> { StatusCode = StatusCodes.Status403Forbidden }.ExecuteAsync(context.HttpContext);
}
