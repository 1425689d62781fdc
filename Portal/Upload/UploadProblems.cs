using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Articles;
using Portal.Hosting;
using Portal.Localization;

namespace Portal.Upload;

/// <summary>The API's one error shape: RFC 7807 ProblemDetails with a localized title and detail and a stable <c>code</c>.</summary>
public sealed class UploadProblems(TextProvider texts, IOptions<PortalOptions> options)
{
    public string Title(UploadRejection rejection, Language language) => texts.For(language)[$"{rejection.TextKey()}.Title"];

    public IResult For(UploadRejection rejection, Language language, string? instance, int? retryAfterSeconds = null)
    {
        var T = texts.For(language);
        var key = rejection.TextKey();
        var detail = rejection switch
        {
            UploadRejection.TooLarge => T[$"{key}.Detail", ReportFormat.Size(options.Value.Upload.MaxBytes, language.Culture)],
            UploadRejection.RateLimited => T[$"{key}.Detail", retryAfterSeconds ?? options.Value.Upload.RateLimit.WindowSeconds],
            _ => T[$"{key}.Detail"],
        };
        var problem = new ProblemDetails
        {
            Status = rejection.StatusCode(),
            Title = T[$"{key}.Title"],
            Detail = detail,
            Instance = instance,
        };
        problem.Extensions["code"] = rejection.Code();
        problem.Extensions["language"] = language.Code;
        return TypedResults.Problem(problem);
    }
}
