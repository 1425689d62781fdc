using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Portal.Hosting;

namespace Portal.Upload;

/// <summary>The message bytes of an API request, or why they were refused.</summary>
public sealed record RequestBody(ReadOnlyMemory<byte> Message, UploadRejection? Rejection);

/// <summary>
/// Reads the message from an analyze request into memory only (never a temporary file, which is
/// why multipart bodies are read section by section instead of through ReadFormAsync), refusing a
/// body over the limit by its Content-Length before reading, and by counting for chunked bodies.
/// </summary>
public sealed class RequestBodyReader(IOptions<PortalOptions> options)
{
    /// <summary>Room for the multipart boundaries and part headers around the file itself.</summary>
    private const long MultipartAllowance = 64 * 1024;

    private static readonly string[] RawMediaTypes = ["message/rfc822", "application/octet-stream", "text/plain", "application/mbox"];

    private long MaxBytes => options.Value.Upload.MaxBytes;

    /// <param name="rawMediaTypes">The media types read as the raw body; null for one message's (a mailbox adds zip's).</param>
    public async Task<RequestBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken, IReadOnlyCollection<string>? rawMediaTypes = null)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || contentType.MediaType.Value is not { } mediaType)
            return Refused(UploadRejection.UnsupportedMediaType);

        var multipart = mediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);
        if (!multipart && !(rawMediaTypes ?? RawMediaTypes).Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            return Refused(UploadRejection.UnsupportedMediaType);

        var bodyLimit = multipart ? MaxBytes + MultipartAllowance : MaxBytes;
        if (request.ContentLength > bodyLimit)
            return Refused(UploadRejection.TooLarge);
        // Kestrel's own limit (30 MB by default) must not cut a configured larger limit short, nor let more through.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = bodyLimit + 1;

        try
        {
            return multipart
                ? await ReadMultipartAsync(request, contentType, cancellationToken)
                : await ReadCappedAsync(request.Body, request.ContentLength, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refused(UploadRejection.TooLarge);
        }
    }

    private async Task<RequestBody> ReadMultipartAsync(HttpRequest request, MediaTypeHeaderValue contentType, CancellationToken cancellationToken)
    {
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
            return Refused(UploadRejection.UnsupportedMediaType);

        var reader = new MultipartReader(boundary, request.Body);
        MultipartSection? section;
        try
        {
            // The first part that carries a file is the message; form fields beside it are ignored.
            while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                    return await ReadCappedAsync(section.Body, request.ContentLength, cancellationToken);
            }
        }
        catch (InvalidDataException)
        {
            return Refused(UploadRejection.UnsupportedMediaType); // not well-formed multipart
        }
        return Refused(UploadRejection.Empty);
    }

    /// <summary>
    /// Reads at most MaxBytes + 1 bytes: one byte more than allowed is enough to know the body is too large.
    /// The buffer is sized from Content-Length when the client sent one and handed on as it is, so that an
    /// upload of 25 MB is neither copied while the buffer grows nor copied once more at the end.
    /// </summary>
    private async Task<RequestBody> ReadCappedAsync(Stream body, long? declaredLength, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream((int)Math.Min(declaredLength ?? 0, MaxBytes));
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                return Refused(UploadRejection.TooLarge);
            buffer.Write(chunk, 0, read);
        }
        return new RequestBody(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), null);
    }

    private static RequestBody Refused(UploadRejection rejection) => new(ReadOnlyMemory<byte>.Empty, rejection);
}
