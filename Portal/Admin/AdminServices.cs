using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Hosting;

namespace Portal.Admin;

public static class AdminServices
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddAccountStores();
        services.AddSingleton<AuditLog>()
            .AddSingleton<AccountService>()
            .AddSingleton<AccountAdministration>()
            .AddSingleton<SessionStore>()
            .AddSingleton<SignInThrottle>()
            .AddSingleton<SignInService>()
            .AddSingleton<TwoFactorSetup>()
            .AddSingleton<IAuthorizationHandler, SecondFactorHandler>()
            .AddSingleton<AdminTexts>()
            .AddSingleton<TranslationEditor>()
            .AddSingleton<RevisionHistory>()
            .AddSingleton<TranslationMatrix>()
            .AddSingleton<FeedbackReport>()
            .AddSingleton<ContentExporter>()
            .AddSingleton<CatalogEditor>()
            .AddSingleton<DatabaseAnalysisCatalogs>()
            // Registered after AddAnalysis(): the analyzer resolves the last IAnalysisCatalogs, this one.
            .AddSingleton<Portal.Analysis.Catalogs.IAnalysisCatalogs>(sp => sp.GetRequiredService<DatabaseAnalysisCatalogs>());

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "portal.admin";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request is HTTPS, also behind a TLS-terminating proxy (forwarded headers, see PortalSetup).
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.Path = "/";
                cookie.SlidingExpiration = true;
                cookie.LoginPath = AdminRoles.SignInPath;
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.Events.OnRedirectToAccessDenied = DenyAsync;
            })
            // The few minutes between a right password and the authenticator code: who, and under which security stamp.
            .AddCookie(AdminRoles.TwoFactorScheme, pending =>
            {
                pending.Cookie.Name = "portal.2fa";
                pending.Cookie.HttpOnly = true;
                pending.Cookie.SameSite = SameSiteMode.Strict;
                pending.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                pending.Cookie.Path = "/admin";
                pending.SlidingExpiration = false;
            });
        // Sessions live in the database; their lifetime comes from the settings.
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<SessionStore, IOptions<PortalOptions>>((cookie, store, portal) =>
            {
                cookie.SessionStore = store;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(portal.Value.SignIn.SessionHours);
            });
        services.AddOptions<CookieAuthenticationOptions>(AdminRoles.TwoFactorScheme)
            .Configure<IOptions<PortalOptions>>((pending, portal) => pending.ExpireTimeSpan = TimeSpan.FromMinutes(portal.Value.SignIn.SecondFactorMinutes));

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminRoles.ContentPolicy, p => p.RequireAuthenticatedUser().RequireRole(AdminRoles.Admin, AdminRoles.Editor))
            .AddPolicy(AdminRoles.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(AdminRoles.Admin).AddRequirements(new SecondFactorRequirement()));
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AdminEndpoints.SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.SignIn.RequestsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                }));
        });
        return services;
    }

    /// <summary>
    /// A signed-in Editor on an Admin page gets a plain 403, not a redirect loop to the sign-in page; an Admin who has
    /// no second factor yet is sent to set one up.
    /// </summary>
    private static Task DenyAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (context.HttpContext.User.IsInRole(AdminRoles.Admin))
        {
            context.Response.Redirect(AdminRoles.TwoFactorPath + "?required=true");
            return Task.CompletedTask;
        }
        // A signed-in Editor on an Admin page gets a real 403 page with ways back, not a redirect loop to the sign-in page.
        return Portal.Components.Pages.Admin.AdminForbidden.RespondAsync(context);
    }
}
