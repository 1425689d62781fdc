using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Portal.Admin;
using Portal.Analysis;
using Portal.Articles;
using Portal.Batch;
using Portal.Components;
using Portal.Components.Pages.Admin;
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
        services.Configure<AnalysisLimits>(builder.Configuration.GetSection(AnalysisLimits.Section));
        services.AddSingleton(sp => PortalPaths.Resolve(
            sp.GetRequiredService<IOptions<PortalOptions>>().Value, builder.Environment.ContentRootPath));
        services.AddSingleton<PublicUrls>();
        services.Configure<Microsoft.AspNetCore.HostFiltering.HostFilteringOptions>(hosts => AllowPublicHost(hosts, builder.Configuration));
        services.Configure<ForwardedHeadersOptions>(forwarded => TrustConfiguredProxies(forwarded,
            builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>()?.Proxy ?? new ProxyOptions()));

        // SQLite (one instance) or PostgreSQL (several), chosen by Portal:Database:Provider when first needed.
        services.AddPortalDatabase(sp => PortalDatabase.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<PortalPaths>(), sp.GetRequiredService<ILoggerFactory>(),
            PortalDatabaseServices.RegisteredConfiguration(sp)));
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
        services.AddBatch();

        // A pasted message travels to the circuit in one SignalR message: allow pastes of a few megabytes (files are streamed).
        services.AddMudServices();
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = 4 * 1024 * 1024);
        services.AddReadingSite(); // after AddRazorComponents: it replaces Blazor's antiforgery state
    }

    /// <summary>
    /// X-Forwarded-For and X-Forwarded-Proto count only when they come from a configured proxy address or network;
    /// the framework's default trust of loopback is dropped (and with nothing configured the middleware is not used).
    /// </summary>
    private static void TrustConfiguredProxies(ForwardedHeadersOptions forwarded, ProxyOptions proxy)
    {
        forwarded.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var address in proxy.KnownProxies)
            forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(address));
        foreach (var network in proxy.KnownNetworks)
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        // One proxy in front: its entry is the client's. More hops need more configured proxies.
        forwarded.ForwardLimit = 1 + proxy.KnownProxies.Length + proxy.KnownNetworks.Length;
    }

    /// <summary>
    /// AllowedHosts comes from configuration; left at "*" while a public base URL is set, only that URL's host is
    /// answered (others get 400), so nothing downstream ever works with a forged Host header.
    /// </summary>
    private static void AllowPublicHost(Microsoft.AspNetCore.HostFiltering.HostFilteringOptions hosts, IConfiguration configuration)
    {
        var configured = configuration["AllowedHosts"];
        var publicBaseUrl = configuration[$"{PortalOptions.Section}:{nameof(PortalOptions.PublicBaseUrl)}"];
        if ((string.IsNullOrWhiteSpace(configured) || configured.Trim() == "*")
            && Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var publicUri))
            hosts.AllowedHosts = [publicUri.IdnHost];
    }

    /// <summary>
    /// The exit code when the data folder or database cannot be used at start: a damaged, unreadable or unwritable SQLite
    /// database; a PostgreSQL server that cannot be reached, refuses the user, lacks the database, or is not configured.
    /// </summary>
    public const int DataFaultExitCode = 3;

    /// <summary>
    /// Creates and migrates the database, then imports content/, before the first request. A database that cannot be
    /// used is one clear log line (which database, what is wrong, what to do) and <see cref="DataFaultExitCode"/>, not a
    /// crash; under systemd (Restart=always) the instance tries again, so a PostgreSQL that starts later is waited for.
    /// Instances sharing a PostgreSQL database do this one at a time (an advisory lock): the first applies the
    /// migrations and imports, the others wait for it and then find nothing left to do, so no revision is imported twice.
    /// </summary>
    /// <returns>null when the site can start, else the process's exit code.</returns>
    public static async Task<int?> PreparePortalAsync(this WebApplication app)
    {
        var paths = app.Services.GetRequiredService<PortalPaths>();
        try
        {
            var database = app.Services.GetRequiredService<PortalDatabase>();
            if (database.Provider == DatabaseProvider.Sqlite)
                Directory.CreateDirectory(paths.DataDirectory);
            await using (await database.LockStartupAsync())
            {
                await using (var db = database.CreateDbContext())
                    await db.Database.MigrateAsync();
                await app.Services.GetRequiredService<ContentImporter>().ImportAsync();
            }
            app.Services.GetRequiredService<StartupState>().ContentImported = true;
            await app.Services.GetRequiredService<ArticleSearch>().WarmAsync();
            return null;
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException || StorageFaults.IsStorageFault(e))
        {
            app.Logger.LogCritical("Cannot start: {Problem}", StorageFaults.StartupProblem(paths.DatabaseFile, e));
            return DataFaultExitCode;
        }
        catch (Exception e) when (PostgreSqlFaults.IsStartupFault(e))
        {
            app.Logger.LogCritical("Cannot start: {Problem}",
                PostgreSqlFaults.StartupProblem(app.Configuration.GetConnectionString(DatabaseOptions.ConnectionStringName), e));
            return DataFaultExitCode;
        }
    }

    public static void UsePortal(this WebApplication app)
    {
        // First, so that HTTPS detection (Secure cookies), rate limits and the audit log see the client, not the proxy.
        // Only with a proxy configured: the middleware believes anyone when its lists are empty.
        if (app.Services.GetRequiredService<IOptions<PortalOptions>>().Value.Proxy is { } proxy
            && proxy.KnownProxies.Length + proxy.KnownNetworks.Length > 0)
            app.UseForwardedHeaders();
        // Before routing, so that HEAD finds the GET endpoints.
        app.UseHeadAsGet();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseMiddleware<BadRequestHandling>();
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

        app.MapPortalHealth();
        app.MapStaticAssets();
        app.MapArticleEndpoints();
        app.MapReadingSite();
        app.MapAdminEndpoints();
        app.MapEditorFormPost();
        app.MapAnalyzeApi();
        app.MapMailboxApi();
        app.MapAnalyzeApiDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
