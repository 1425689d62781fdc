namespace Portal.Upload;

/// <summary>Why an upload was not analyzed. The page and the API explain each one with the same localized texts.</summary>
public enum UploadRejection
{
    TooLarge,
    Empty,
    NotAnEmail,
    OutlookMsg,
    UnsupportedMediaType,
    RateLimited,
    /// <summary>Every analysis slot and the queue before them are taken.</summary>
    Busy,
    /// <summary>The HTTP request itself was malformed (a bad chunk, a broken multipart body).</summary>
    BadRequest,
    /// <summary>The body arrived more slowly than Kestrel's minimum data rate.</summary>
    RequestTimeout,
    /// <summary>The analysis failed in a way it should not have; logged with the message's size and hash.</summary>
    AnalysisFailed,
}

public static class UploadRejections
{
    /// <summary>The UiText key prefix: <c>{prefix}.Title</c> and <c>{prefix}.Detail</c>.</summary>
    public static string TextKey(this UploadRejection rejection) => $"Upload.{rejection}";

    /// <summary>A stable machine-readable code for API clients (the ProblemDetails "code" member).</summary>
    public static string Code(this UploadRejection rejection) => rejection switch
    {
        UploadRejection.TooLarge => "too-large",
        UploadRejection.Empty => "empty",
        UploadRejection.NotAnEmail => "not-an-email",
        UploadRejection.OutlookMsg => "outlook-msg",
        UploadRejection.UnsupportedMediaType => "unsupported-media-type",
        UploadRejection.RateLimited => "rate-limited",
        UploadRejection.Busy => "busy",
        UploadRejection.BadRequest => "bad-request",
        UploadRejection.RequestTimeout => "request-timeout",
        UploadRejection.AnalysisFailed => "analysis-failed",
        _ => throw new ArgumentOutOfRangeException(nameof(rejection)),
    };

    public static int StatusCode(this UploadRejection rejection) => rejection switch
    {
        UploadRejection.TooLarge => StatusCodes.Status413PayloadTooLarge,
        UploadRejection.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        UploadRejection.RateLimited => StatusCodes.Status429TooManyRequests,
        UploadRejection.Busy => StatusCodes.Status503ServiceUnavailable,
        UploadRejection.RequestTimeout => StatusCodes.Status408RequestTimeout,
        UploadRejection.AnalysisFailed => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };
}
