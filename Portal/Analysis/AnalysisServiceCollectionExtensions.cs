using Microsoft.Extensions.DependencyInjection.Extensions;
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
        services.AddSingleton(sp => new EmailAnalyzer(sp.GetRequiredService<IAnalysisCatalogs>(), sp.GetRequiredService<DkimOptions>()));
        return services;
    }
}
