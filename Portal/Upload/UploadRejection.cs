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
    /// <summary>A mailbox upload that is neither an mbox nor a zip.</summary>
    NotAMailbox,
    /// <summary>More messages (mbox) or files (zip) than <see cref="Portal.Hosting.MailboxLimits.MaxMessages"/>.</summary>
    TooManyMessages,
    /// <summary>The zip's files would inflate to more than <see cref="Portal.Hosting.MailboxLimits.MaxInflatedBytes"/> together.</summary>
    ArchiveTooLarge,
    /// <summary>One file of the zip would inflate to more than <see cref="Portal.Hosting.MailboxLimits.MaxEntryBytes"/>.</summary>
    ArchiveEntryTooLarge,
    /// <summary>The zip holds another archive (zip, gzip, 7z, rar, tar, bzip2, xz).</summary>
    NestedArchive,
    /// <summary>A file of the zip inflates more than <see cref="Portal.Hosting.MailboxLimits.MaxCompressionRatio"/> times: a zip bomb.</summary>
    CompressionRatio,
    /// <summary>The zip cannot be read (damaged central directory, encrypted entries, an unknown compression method).</summary>
    ArchiveDamaged,
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
        UploadRejection.NotAMailbox => "not-a-mailbox",
        UploadRejection.TooManyMessages => "too-many-messages",
        UploadRejection.ArchiveTooLarge => "archive-too-large",
        UploadRejection.ArchiveEntryTooLarge => "archive-entry-too-large",
        UploadRejection.NestedArchive => "archive-nested",
        UploadRejection.CompressionRatio => "archive-ratio",
        UploadRejection.ArchiveDamaged => "archive-damaged",
        _ => throw new ArgumentOutOfRangeException(nameof(rejection)),
    };

    public static int StatusCode(this UploadRejection rejection) => rejection switch
    {
        UploadRejection.TooLarge or UploadRejection.TooManyMessages or UploadRejection.ArchiveTooLarge
            or UploadRejection.ArchiveEntryTooLarge => StatusCodes.Status413PayloadTooLarge,
        UploadRejection.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        UploadRejection.RateLimited => StatusCodes.Status429TooManyRequests,
        UploadRejection.Busy => StatusCodes.Status503ServiceUnavailable,
        UploadRejection.RequestTimeout => StatusCodes.Status408RequestTimeout,
        UploadRejection.AnalysisFailed => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };
}
