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
        _ => throw new ArgumentOutOfRangeException(nameof(rejection)),
    };

    public static int StatusCode(this UploadRejection rejection) => rejection switch
    {
        UploadRejection.TooLarge => StatusCodes.Status413PayloadTooLarge,
        UploadRejection.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        UploadRejection.RateLimited => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    };
}
