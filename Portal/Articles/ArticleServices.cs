using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Portal.Articles;

public static class ArticleServices
{
    public static IServiceCollection AddArticles(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System); // tests register their own clock first
        return services
            .AddSingleton<ArticleLibrary>()
            .AddSingleton<ArticleSearch>()
            .AddSingleton<FeedbackService>()
            .AddSingleton<ContentImporter>();
    }
}
