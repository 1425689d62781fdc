using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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

        // SQLite (one instance) or PostgreSQL (several), chosen by Portal:Database:Provider when first needed.
        services.AddSingleton(sp => PortalDatabase.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<PortalPaths>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IDbContextFactory<PortalDbContext>>(sp => sp.GetRequiredService<PortalDatabase>());
        services.AddScoped(sp => sp.GetRequiredService<PortalDatabase>().CreatePostgreSqlDbContext());
        services.AddSingleton<ChangeFeed>();
        services.AddHostedService<ChangeListener>();
        services.AddPortalHealth();

        // Sign-in cookies and antiforgery tokens must survive a restart: keep their keys with the data. On PostgreSQL
        // every instance must read the same keys, so they live in the shared database.
        services.AddDataProtection().SetApplicationName("Portal");
        services.AddOptions<KeyManagementOptions>().Configure<PortalPaths, ILoggerFactory, PortalDatabase, IServiceProvider>((keys, paths, logging, database, sp) =>
            keys.XmlRepository = database.Provider == DatabaseProvider.PostgreSQL
                ? new EntityFrameworkCoreXmlRepository<PostgreSqlPortalDbContext>(sp, logging)
                : new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(paths.DataDirectory, "keys")), logging));

        // HTML, JSON and the API go out with Brotli or gzip where the client accepts it (static assets are precompressed
        // at build time and served as such). Over HTTPS too: the one secret a page body carries, the antiforgery
        // request token, is freshly encrypted on every response, which leaves BREACH nothing stable to recover.
        services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["application/problem+json", "image/svg+xml"]);
        });
        // Pages are small: the better ratio costs well under a millisecond each (the defaults are the fastest levels).
        services.Configure<BrotliCompressionProviderOptions>(brotli => brotli.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(gzip => gzip.Level = System.IO.Compression.CompressionLevel.Optimal);

        // Pages are in six languages: emit their letters as they are, not as &#x…; escapes.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization();
        services.AddSingleton<TextProvider>();
        services.AddScoped<RequestLanguage>();
        services.AddArticles();
        services.AddAnalysis();
        services.AddAdmin();
        services.AddUpload();

        // A pasted message travels to the circuit in one SignalR message: allow pastes of a few megabytes (files are streamed).
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = 4 * 1024 * 1024);
    }

    /// <summary>
    /// Creates and migrates the database, then imports content/, before the first request. Instances sharing a
    /// PostgreSQL database do this one at a time (an advisory lock): the first applies the migrations and imports,
    /// the others wait for it and then find nothing left to do, so no revision is imported twice.
    /// </summary>
    public static async Task PreparePortalAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<PortalDatabase>();
        if (database.Provider == DatabaseProvider.Sqlite)
            Directory.CreateDirectory(app.Services.GetRequiredService<PortalPaths>().DataDirectory);
        await using (await database.LockStartupAsync())
        {
            await using (var db = database.CreateDbContext())
                await db.Database.MigrateAsync();
            await app.Services.GetRequiredService<ContentImporter>().ImportAsync();
        }
        app.Services.GetRequiredService<StartupState>().ContentImported = true;
    }

    public static void UsePortal(this WebApplication app)
    {
        app.UseResponseCompression();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        // A fresh scope for the re-executed request: the not-found page is a Blazor page with its own NavigationManager.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseMiddleware<RequestLanguageMiddleware>();
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();

        app.MapPortalHealth();
        app.MapStaticAssets();
        app.MapArticleEndpoints();
        app.MapAdminEndpoints();
        app.MapAnalyzeApi();
        app.MapAnalyzeApiDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
