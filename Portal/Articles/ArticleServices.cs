using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Articles.Search;

namespace Portal.Articles;

public static class ArticleServices
{
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System); // tests register their own clock first
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section);
        return services
            .AddSingleton<ArticleLibrary>()
            .AddSingleton(sp => new SearchSynonymsFile(
                sp.GetRequiredService<IOptions<SearchOptions>>().Value.SynonymsFile ?? SearchSynonyms.ShippedPath,
                sp.GetRequiredService<ILogger<SearchSynonymsFile>>()))
            .AddSingleton<ArticleSearch>()
            .AddSingleton<SearchAnalytics>()
            .AddSingleton<FeedbackService>()
            .AddSingleton<ContentImporter>();
    }
}
