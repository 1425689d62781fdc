using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Analysis.Catalogs;
using Portal.Analysis.Dkim;

namespace Portal.Analysis;

public static class AnalysisServiceCollectionExtensions
{
    /// <summary>
    /// Registers the analyzer and the shipped catalogs. To layer admin data over the shipped files,
    /// register your own <see cref="IAnalysisCatalogs"/> before or after this call (the last one wins for the analyzer).
    /// </summary>
    public static IServiceCollection AddAnalysis(this IServiceCollection services)
    {
        services.TryAddSingleton<IAnalysisCatalogs, ShippedAnalysisCatalogs>();
        // Read without IOptions so that the CLI's bare ServiceCollection (no IConfiguration) gets the defaults.
        services.TryAddSingleton(sp => sp.GetService<IConfiguration>()?.GetSection(DkimOptions.Section).Get<DkimOptions>() ?? new DkimOptions());
        // The web app binds "Portal:Analysis" (AnalysisLimits.Section); the command line keeps the defaults.
        services.AddOptions<AnalysisLimits>();
        services.AddSingleton(sp => new EmailAnalyzer(sp.GetRequiredService<IAnalysisCatalogs>(), sp.GetRequiredService<DkimOptions>(),
            sp.GetRequiredService<IOptions<AnalysisLimits>>().Value));
        return services;
    }
}
