using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Hosting;

namespace Portal.Upload;

/// <summary>
/// Lets at most <see cref="UploadOptions.MaxConcurrentAnalyses"/> analyses run at once (page and API together) with a
/// short queue before them: a burst of uploads waits or is turned away instead of starving the site of cores.
/// </summary>
public sealed class AnalysisGate : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;

    public AnalysisGate(IOptions<PortalOptions> options)
    {
        var upload = options.Value.Upload;
        Slots = upload.MaxConcurrentAnalyses > 0 ? upload.MaxConcurrentAnalyses : Environment.ProcessorCount;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Slots,
            QueueLimit = Math.Max(0, upload.AnalysisQueueLength),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public int Slots { get; }

    /// <summary>Analyses running now.</summary>
    public int Running => Slots - (int)(_limiter.GetStatistics()?.CurrentAvailablePermits ?? Slots);

    /// <summary>A lease to run one analysis; <see cref="RateLimitLease.IsAcquired"/> is false when the slots and the queue are full.</summary>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    public void Dispose() => _limiter.Dispose();
}
