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
            UploadRejection.TooManyMessages => T[key, Mailbox.MaxMessages],
            UploadRejection.ArchiveTooLarge => T[key, ReportFormat.Size(Mailbox.MaxInflatedBytes, language.Culture)],
            UploadRejection.ArchiveEntryTooLarge => T[key, ReportFormat.Size(Mailbox.MaxEntryBytes, language.Culture)],
            UploadRejection.CompressionRatio => T[key, Mailbox.MaxCompressionRatio],
            _ => T[key],
        };
    }

    private MailboxLimits Mailbox => options.Value.Upload.Mailbox;

    /// <summary>When to come back after <see cref="UploadRejection.Busy"/>: by then the analyses ahead have met their deadline.</summary>
    public int BusyRetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(analysisLimits.Value.DeadlineSeconds));

    /// <param name="entry">The file of a zip (or the message of an mbox) that broke a limit, named in the problem's <c>entry</c> member.</param>
    public IResult For(UploadRejection rejection, Language language, string? instance, int? retryAfterSeconds = null, string? entry = null)
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
        if (entry is not null)
            problem.Extensions["entry"] = entry;
        return TypedResults.Problem(problem);
    }
}
