using Portal.Upload;

namespace Portal.Hosting;

/// <summary>
/// A malformed request (a bad chunk, a body slower than Kestrel's minimum data rate) surfaces in the app as
/// BadHttpRequestException when the body is read. It is the client's fault, not ours: answered 400 or 408 (413 for
/// a body over a limit) as problem+json, logged as one line without a stack trace, instead of a 500 error page.
/// </summary>
public sealed class BadRequestHandling(RequestDelegate next, ILogger<BadRequestHandling> logger)
{
    public async Task InvokeAsync(HttpContext context, UploadProblems problems)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var rejection = e.StatusCode switch
            {
                StatusCodes.Status408RequestTimeout => UploadRejection.RequestTimeout,
                StatusCodes.Status413PayloadTooLarge => UploadRejection.TooLarge,
                _ => UploadRejection.BadRequest,
            };
            logger.LogWarning("Bad request {Method} {Path} from {Client}: {Status} {Reason}", context.Request.Method, context.Request.Path,
                context.Connection.RemoteIpAddress, rejection.StatusCode(), e.Message);
            await problems.For(rejection, AnalyzeApi.LanguageOf(context.Request), context.Request.Path).ExecuteAsync(context);
        }
    }
}
