using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Admin;

public static class AdminServices
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>()
            .AddSingleton<AccountService>()
            .AddSingleton<AccountAdministration>()
            .AddSingleton<SessionValidator>()
            .AddSingleton<SignInService>()
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
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.Path = "/";
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = AdminRoles.SignInPath;
                // A changed, locked, disabled or deleted account ends its sessions on their next request.
                cookie.Events.OnValidatePrincipal = SessionValidator.ValidatePrincipalAsync;
                cookie.ReturnUrlParameter = "returnUrl";
                // A signed-in Editor on an Admin page gets a plain 403, not a redirect loop to the sign-in page.
                cookie.Events.OnRedirectToAccessDenied = Portal.Components.Pages.Admin.AdminForbidden.RespondAsync;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminRoles.ContentPolicy, p => p.RequireAuthenticatedUser().RequireRole(AdminRoles.Admin, AdminRoles.Editor))
            .AddPolicy(AdminRoles.AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(AdminRoles.Admin));
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(AdminEndpoints.SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }
}
