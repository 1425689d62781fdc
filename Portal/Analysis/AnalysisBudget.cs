using System.Globalization;

namespace Portal.Analysis;

/// <summary>
/// What one analysis may still spend: bytes inflated or decoded, containers opened, and time (a deadline linked
/// with the caller's token: the API's RequestAborted, the page's circuit). Detectors reach it through
/// <see cref="AnalysisContext.Budget"/> and call <see cref="ThrowIfExhausted"/> in their loops; running out throws
/// <see cref="AnalysisStoppedException"/>, which the analyzer turns into a defect and a partial report.
/// </summary>
public sealed class AnalysisBudget : IDisposable
{
    private readonly CancellationToken _caller;
    private readonly long _maxBytes;
    private readonly int _maxContainers;
    // Milliseconds of Environment.TickCount64: a far cheaper clock than Stopwatch where reading the clock is a system
    // call, and fine enough for deadlines of seconds. long.MaxValue without a deadline.
    private readonly long _deadlineAt;
    private CancellationTokenSource? _token;
    private volatile bool _expired;
    private long _bytes;
    private int _containers;

    public AnalysisBudget(AnalysisLimits limits, long messageSize, CancellationToken cancellationToken = default)
    {
        _caller = cancellationToken;
        _maxBytes = limits.DecodedBytesFor(messageSize);
        _maxContainers = limits.MaxContainers;
        Deadline = limits.DeadlineSeconds > 0 ? TimeSpan.FromSeconds(limits.DeadlineSeconds) : Timeout.InfiniteTimeSpan;
        _deadlineAt = limits.DeadlineSeconds > 0
            ? Environment.TickCount64 + (long)Math.Min(Math.Ceiling(Deadline.TotalMilliseconds), long.MaxValue / 2)
            : long.MaxValue;
    }

    /// <summary>No limits but the caller's token: for tools that read one known file.</summary>
    public static AnalysisBudget Unlimited(CancellationToken cancellationToken = default) => new(new AnalysisLimits
    {
        DeadlineSeconds = 0,
        MinDecodedBytes = long.MaxValue,
        MaxDecodedBytes = long.MaxValue,
        MaxContainers = int.MaxValue,
    }, 0, cancellationToken);

    public TimeSpan Deadline { get; }

    /// <summary>
    /// Cancelled at the deadline or when the caller gives up. Made on first use: most analyses never wait on anything,
    /// and a timer per analysis was a visible share of analysing small messages.
    /// </summary>
    public CancellationToken CancellationToken
    {
        get
        {
            if (_token is null)
            {
                var source = CancellationTokenSource.CreateLinkedTokenSource(_caller);
                if (_deadlineAt != long.MaxValue)
                {
                    var remaining = _deadlineAt - Environment.TickCount64;
                    if (_expired || remaining <= 0)
                        source.Cancel();
                    else if (remaining < uint.MaxValue - 1) // the longest a timer takes; longer is as good as never
                        source.CancelAfter(TimeSpan.FromMilliseconds(remaining));
                }
                if (Interlocked.CompareExchange(ref _token, source, null) is not null)
                    source.Dispose();
            }
            return _token.Token;
        }
    }

    public long BytesUsed => Interlocked.Read(ref _bytes);

    public void ThrowIfExhausted()
    {
        // The token's timer needs a thread-pool thread to fire, and a busy server may run it late: the clock decides.
        if (!_expired && Environment.TickCount64 >= _deadlineAt)
        {
            _expired = true;
            _token?.Cancel();
        }
        if (_caller.IsCancellationRequested)
            throw new AnalysisStoppedException(AnalysisStopReasons.Cancelled, "the client went away");
        if (_expired || _token is { IsCancellationRequested: true })
            throw new AnalysisStoppedException(AnalysisStopReasons.Deadline,
                $"the {Deadline.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s deadline passed");
    }

    /// <summary>Counts bytes inflated or decoded; throws when the total passes the budget, or when time is up.</summary>
    public void SpendBytes(long count)
    {
        ThrowIfExhausted();
        if (Interlocked.Add(ref _bytes, count) > _maxBytes)
            throw new AnalysisStoppedException(AnalysisStopReasons.DecodedBytes,
                $"more than {_maxBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes inflated or decoded");
    }

    /// <summary>Counts a container (CMS structure, compressed packet, inner message) about to be opened.</summary>
    public void EnterContainer()
    {
        ThrowIfExhausted();
        if (Interlocked.Increment(ref _containers) > _maxContainers)
            throw new AnalysisStoppedException(AnalysisStopReasons.Containers,
                $"more than {_maxContainers.ToString(CultureInfo.InvariantCulture)} nested containers");
    }

    public void Dispose() => _token?.Dispose();
}

/// <summary>Why an analysis stopped early: the <c>reason</c> of the analysis-stopped defect.</summary>
public static class AnalysisStopReasons
{
    public const string Deadline = "deadline", DecodedBytes = "decoded-bytes", Containers = "containers", Cancelled = "cancelled";
}

/// <summary>Thrown inside a detector when the analysis has spent its budget; caught by <see cref="EmailAnalyzer"/> only.</summary>
public sealed class AnalysisStoppedException(string reason, string detail) : Exception($"analysis stopped early: {detail}")
{
    public string Reason { get; } = reason;
}
