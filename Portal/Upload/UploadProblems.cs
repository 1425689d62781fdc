using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Analysis;
using Portal.Articles;
using Portal.Hosting;
using Portal.Localization;

namespace Portal.Upload;

/// <summary>
/// Why an upload was refused, in words: the localized title and detail that the page shows, and for the API the
/// one error shape, RFC 7807 ProblemDetails with those texts and a stable <c>code</c>.
/// </summary>
public sealed class UploadProblems(TextProvider texts, IOptions<PortalOptions> options, IOptions<AnalysisLimits> analysisLimits)
{
    public string Title(UploadRejection rejection, Language language) => texts.For(language)[$"{rejection.TextKey()}.Title"];

    public string Detail(UploadRejection rejection, Language language, int? retryAfterSeconds = null)
    {
        var T = texts.For(language);
        var key = $"{rejection.TextKey()}.Detail";
        return rejection switch
        {
            UploadRejection.TooLarge => T[key, ReportFormat.Size(options.Value.Upload.MaxBytes, language.Culture)],
            UploadRejection.RateLimited => T[key, retryAfterSeconds ?? options.Value.Upload.RateLimit.WindowSeconds],
            UploadRejection.Busy => T[key, retryAfterSeconds ?? BusyRetryAfterSeconds],
            _ => T[key],
        };
    }

    /// <summary>When to come back after <see cref="UploadRejection.Busy"/>: by then the analyses ahead have met their deadline.</summary>
    public int BusyRetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(analysisLimits.Value.DeadlineSeconds));

    public IResult For(UploadRejection rejection, Language language, string? instance, int? retryAfterSeconds = null)
    {
        var problem = new ProblemDetails
        {
            Status = rejection.StatusCode(),
            Title = Title(rejection, language),
            Detail = Detail(rejection, language, retryAfterSeconds),
            Instance = instance,
            // ASP.NET Core fills `type` only for the status codes it knows; 413 and 429 are named here, like the rest.
            Type = rejection.StatusCode() switch
            {
                StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
                StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
                _ => null,
            },
        };
        problem.Extensions["code"] = rejection.Code();
        problem.Extensions["language"] = language.Code;
        return TypedResults.Problem(problem);
    }
}
