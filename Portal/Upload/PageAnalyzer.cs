namespace Portal.Upload;

/// <summary>
/// The analyzer page's way in: the same per-client limit, slots and budget as the API. One per circuit; the client's
/// address is taken when the circuit's scope is created, from the connection that opened it.
/// </summary>
public sealed class PageAnalyzer(UploadedMessageAnalyzer analyzer, AnalyzeClientLimit clientLimit, IHttpContextAccessor http)
{
    private readonly string _client = AnalyzeClientLimit.ClientOf(http.HttpContext);

    /// <summary>Counts one analysis against the client's limit without running it: a whole mailbox counts once.</summary>
    public bool TryCount(out int? retryAfterSeconds) => clientLimit.TryAcquire(_client, out retryAfterSeconds);

    /// <param name="cancellationToken">The circuit's: closing the page stops the analysis.</param>
    public async Task<UploadOutcome> AnalyzeAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        if (!clientLimit.TryAcquire(_client, out var retryAfter))
            return UploadOutcome.Rejected(UploadRejection.RateLimited, retryAfter);
        try
        {
            return await analyzer.AnalyzeAsync(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return UploadOutcome.Abandoned;
        }
    }
}
