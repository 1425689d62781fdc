using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Portal.Hosting;
using Portal.Upload;

namespace Portal.Batch;

/// <summary>
/// <c>POST /api/analyze/batch</c>: an mbox or a zip of .eml files in, NDJSON out (<see cref="MailboxJsonLines"/>), one
/// line per message as soon as it is analyzed. The upload is bounded like a single message's (size, the same per-client
/// count: one batch counts as one analysis) and by <see cref="MailboxLimits"/>; a limit that the mailbox breaks is one
/// problem+json answer before any line. A message that cannot be analyzed is an error line; the batch goes on.
/// </summary>
public static class MailboxApi
{
    public const string Route = "/api/analyze/batch";

    /// <summary>Media types read as the raw mailbox.</summary>
    public static readonly string[] RawMediaTypes = ["application/mbox", "application/zip", "application/x-zip-compressed", "application/octet-stream", "text/plain"];

    public static IEndpointConventionBuilder MapMailboxApi(this IEndpointRouteBuilder app) =>
        app.MapPost(Route, AnalyzeAsync)
            .WithName("AnalyzeMailbox")
            .WithTags("Analyzer")
            .WithSummary("Analyze a whole mailbox")
            .WithDescription("Send an mbox (Thunderbird, Google Takeout, formail: messages start with a \"From \" line, >From lines are " +
                             "unquoted) or a zip of .eml files as the body, or as the first file of a multipart form, up to " +
                             "Portal:Upload:MaxBytes. A zip is refused as a whole (problem+json) when it holds more files than " +
                             "Portal:Upload:Mailbox:MaxMessages, inflates to more than MaxInflatedBytes in total or MaxEntryBytes for one " +
                             "file, compresses a file more than MaxCompressionRatio times, or holds another archive. The answer is " +
                             "application/x-ndjson, streamed: one line per message as it is analyzed ({\"type\":\"message\",\"index\",\"name\"," +
                             "\"summary\",\"report\"} with the report exactly as POST /api/analyze answers it, or {\"type\":\"error\",\"index\"," +
                             "\"name\",\"error\":{\"code\",\"title\",\"detail\"}}), then {\"type\":\"end\",\"messages\",\"analyzed\",\"failed\"}. " +
                             "A batch counts once against the per-client rate limit and analyzes its messages one after another in the " +
                             "analyzer's shared slots, each within the single-message budget. Nothing is stored.")
            .Produces(StatusCodes.Status200OK, contentType: MailboxJsonLines.MediaType)
            .AsUploadEndpoint();

    // lang is read by LanguageOf (with Accept-Language as the fallback); it is a parameter so the description names it.
    private static async Task<IResult> AnalyzeAsync(HttpContext context, RequestBodyReader reader, MailboxAnalyzer analyzer, MailboxJsonLines lines,
        AnalyzeClientLimit clientLimit, UploadProblems problems, IOptions<PortalOptions> options, [FromQuery(Name = "lang")] string? lang = null)
    {
        var language = AnalyzeApi.LanguageOf(context.Request);
        if (AnalyzeApi.RefuseOverLimit(context, clientLimit, problems, language) is { } overLimit)
            return overLimit;

        var body = await reader.ReadAsync(context.Request, context.RequestAborted, RawMediaTypes);
        if (body.Rejection is { } refused)
            return problems.For(refused, language, context.Request.Path);
        if (body.Message.IsEmpty)
            return problems.For(UploadRejection.Empty, language, context.Request.Path);

        var opening = Mailbox.Open(body.Message, options.Value.Upload.Mailbox);
        if (opening.Mailbox is not { } mailbox)
            return problems.For(opening.Rejection!.Value, language, context.Request.Path, entry: opening.Entry);

        return TypedResults.Stream(async output =>
        {
            using (mailbox)
            {
                using var buffer = new MemoryStream();
                int analyzed = 0, failed = 0;
                try
                {
                    await foreach (var item in analyzer.AnalyzeAsync(mailbox, context.RequestAborted))
                    {
                        if (item.Analyzed)
                            analyzed++;
                        else
                            failed++;
                        buffer.SetLength(0);
                        lines.WriteItem(buffer, item, language);
                        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
                        await output.FlushAsync(context.RequestAborted);
                    }
                    buffer.SetLength(0);
                    MailboxJsonLines.WriteEnd(buffer, new MailboxTotals(mailbox.Count, analyzed, failed));
                    await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
                }
                catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
                {
                    // The client went away: the batch stops with it, and there is nobody to tell.
                }
            }
        }, MailboxJsonLines.MediaType + "; charset=utf-8");
    }
}
