namespace Portal.Articles;

public static class ArticleServices
{
    public static IServiceCollection AddArticles(this IServiceCollection services) => services
        .AddSingleton<ArticleLibrary>()
        .AddSingleton<ArticleSearch>()
        .AddSingleton<FeedbackService>()
        .AddSingleton<ContentImporter>();
}
