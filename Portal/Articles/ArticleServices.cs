using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Articles.Search;

namespace Portal.Articles;

public static class ArticleServices
{
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System); // tests register their own clock first
        return services
            .AddSingleton<ArticleLibrary>()
            .AddSingleton(_ => SearchSynonyms.Shipped())
            .AddSingleton<ArticleSearch>()
            .AddSingleton<SearchAnalytics>()
            .AddSingleton<FeedbackService>()
            .AddSingleton<ContentImporter>();
    }
}
