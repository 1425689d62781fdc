using System.Diagnostics;
using System.Runtime.CompilerServices;
using Portal.Analysis;
using Portal.Analysis.Report;
using Portal.Mime;
using Portal.Upload;

namespace Portal.Batch;

/// <summary>One analyzed message of a mailbox: its row and report, or why it has none. Never both.</summary>
public sealed record MailboxItem(int Index, string? Name, MessageSummary? Summary, AnalysisReport? Report, UploadRejection? Rejection)
{
    public bool Analyzed => Report is not null;

    /// <summary>What the table keeps of it (the page holds rows, never reports).</summary>
    public MailboxRow Row => new(Index, Name, Summary, Rejection);
}

/// <summary>A row of a mailbox's table: the summary of an analyzed message, or why it was not analyzed.</summary>
public sealed record MailboxRow(int Index, string? Name, MessageSummary? Summary, UploadRejection? Rejection);

/// <summary>
/// Analyzes a mailbox one message after another, each within its own analysis budget, in the same slots as single
/// uploads (<see cref="AnalysisGate"/>). A batch holds one slot for a short slice of messages and then queues again
/// behind whoever is waiting, so a mailbox of ten thousand messages never takes more than one core from the site and
/// never makes a single upload wait longer than a slice. When every slot and the queue are full it waits instead of
/// failing: the batch is the patient one. Results are handed on slice by slice, so only a slice's reports are held.
/// </summary>
public sealed class MailboxAnalyzer(EmailAnalyzer analyzer, AnalysisGate gate, ILogger<MailboxAnalyzer> logger)
{
    private const int SliceMessages = 64;
    private static readonly TimeSpan SliceTime = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan BusyPause = TimeSpan.FromMilliseconds(50);

    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> ended the batch (client gone, Cancel).</exception>
    public async IAsyncEnumerable<MailboxItem> AnalyzeAsync(Mailbox mailbox, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var next = 0;
        while (next < mailbox.Count)
        {
            var start = next;
            List<MailboxItem> slice;
            using (await EnterAsync(cancellationToken))
                slice = await Task.Run(() => AnalyzeSlice(mailbox, start, cancellationToken), CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            next += slice.Count;
            foreach (var item in slice)
                yield return item;
        }
    }

    private async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var lease = await gate.EnterAsync(cancellationToken);
            if (lease.IsAcquired)
                return lease;
            lease.Dispose();
            await Task.Delay(BusyPause, cancellationToken);
        }
    }

    private List<MailboxItem> AnalyzeSlice(Mailbox mailbox, int start, CancellationToken cancellationToken)
    {
        var slice = new List<MailboxItem>();
        var clock = Stopwatch.StartNew();
        for (var index = start; index < mailbox.Count && slice.Count < SliceMessages && clock.Elapsed < SliceTime; index++)
        {
            if (cancellationToken.IsCancellationRequested)
                break;
            slice.Add(Analyze(mailbox.Read(index), cancellationToken));
        }
        return slice;
    }

    /// <summary>One message, with the single upload's screening; an exception is this message's failure, not the batch's.</summary>
    public MailboxItem Analyze(MailboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Rejection is { } unreadable)
            return new MailboxItem(message.Index, message.Name, null, null, unreadable);
        try
        {
            var parsed = MimeParser.Parse(message.Data);
            if (UploadedMessageAnalyzer.Screen(parsed) is { } rejection)
                return new MailboxItem(message.Index, message.Name, null, null, rejection);
            var report = analyzer.Analyze(parsed, cancellationToken);
            return new MailboxItem(message.Index, message.Name, MessageSummary.Of(report, parsed), report, null);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogError(e, "Analysis failed for message {Index} of a mailbox: {Size} bytes with SHA-256 {Sha256}", message.Index,
                message.Data.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(message.Data.Span)));
            return new MailboxItem(message.Index, message.Name, null, null, UploadRejection.AnalysisFailed);
        }
    }
}
