using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Portal.Admin;
using Portal.Analysis;
using Portal.Articles;
using Portal.Components;
using Portal.Data;
using Portal.Localization;
using Portal.Upload;

namespace Portal.Hosting;

/// <summary>The composition of the app, readable in one place: services, start-up work, the request pipeline.</summary>
public static class PortalSetup
{
    public static void AddPortal(this WebApplicationBuilder builder)
    {
        // The product layout keeps wwwroot/ beside Portal/; without this a non-Development run serves empty assets.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
        services.AddSingleton(sp => PortalPaths.Resolve(
            sp.GetRequiredService<IOptions<PortalOptions>>().Value, builder.Environment.ContentRootPath));

        services.AddDbContextFactory<PortalDbContext>((sp, db) =>
            db.UseSqlite($"Data Source={sp.GetRequiredService<PortalPaths>().DatabaseFile}"));

        // Sign-in cookies and antiforgery tokens must survive a restart: keep their keys with the data.
        services.AddDataProtection().SetApplicationName("Portal");
        services.AddOptions<KeyManagementOptions>().Configure<PortalPaths, ILoggerFactory>((keys, paths, logging) =>
            keys.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(paths.DataDirectory, "keys")), logging));

        // Pages are in six languages: emit their letters as they are, not as &#x…; escapes.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization();
        services.AddSingleton<TextProvider>();
        services.AddScoped<RequestLanguage>();
        services.AddScoped<Portal.Components.Pages.Analyze.AnalyzerSession>();
        services.AddScoped<AdminLanguage>();
        services.AddHttpContextAccessor();
        services.AddArticles();
        services.AddAnalysis();
        services.AddAdmin();
        services.AddUpload();

        // A pasted message travels to the circuit in one SignalR message: allow pastes of a few megabytes (files are streamed).
        services.AddMudServices();
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = 4 * 1024 * 1024);
        services.AddReadingSite(); // after AddRazorComponents: it replaces Blazor's antiforgery state
    }

    /// <summary>Creates and migrates the database, then imports content/, before the first request.</summary>
    public static async Task PreparePortalAsync(this WebApplication app)
    {
        var paths = app.Services.GetRequiredService<PortalPaths>();
        Directory.CreateDirectory(paths.DataDirectory);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            await db.Database.MigrateAsync();

        await app.Services.GetRequiredService<ContentImporter>().ImportAsync();
    }

    public static void UsePortal(this WebApplication app)
    {
        // Before routing, so that HEAD finds the GET endpoints.
        app.UseHeadAsGet();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        // A fresh scope for the re-executed request: the not-found page is a Blazor page with its own NavigationManager.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<RequestLanguageMiddleware>();
        app.UseSecurityHeaders();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        app.UseReadingSite();

        app.MapStaticAssets();
        app.MapArticleEndpoints();
        app.MapReadingSite();
        app.MapAdminEndpoints();
        app.MapAnalyzeApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
