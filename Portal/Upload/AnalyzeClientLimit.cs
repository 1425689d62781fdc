using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Hosting;

namespace Portal.Upload;

/// <summary>
/// Analyses per client address and window (<see cref="UploadOptions.RateLimit"/>), one count for the API and the
/// analyzer page together, so that neither is a way around the other.
/// </summary>
public sealed class AnalyzeClientLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public AnalyzeClientLimit(IOptions<PortalOptions> options)
    {
        var limits = options.Value.Upload.RateLimit;
        _limiter = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetFixedWindowLimiter(client,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.PermitLimit,
                Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                QueueLimit = 0,
            }));
    }

    /// <summary>Counts one analysis for <paramref name="client"/>; over the limit, the seconds until the window ends.</summary>
    public bool TryAcquire(string client, out int? retryAfterSeconds)
    {
        using var lease = _limiter.AttemptAcquire(client);
        retryAfterSeconds = null;
        if (lease.IsAcquired)
            return true;
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return false;
    }

    /// <summary>The key a request is counted under: its remote address.</summary>
    public static string ClientOf(HttpContext? context) =>
        context?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static string RetryAfterHeader(int seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    public void Dispose() => _limiter.Dispose();
}
