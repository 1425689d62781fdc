using System.Runtime.InteropServices;
using Portal.Hosting;
using Portal.Upload;

namespace Portal.Batch;

/// <summary>One message of a mailbox: its bytes, or why it could not be taken out (a zip entry that lied about its size…).</summary>
public sealed record MailboxMessage(int Index, string? Name, ReadOnlyMemory<byte> Data, UploadRejection? Rejection = null);

/// <summary>An opened mailbox, or the limit it broke (and which file of a zip broke it).</summary>
public sealed record MailboxOpening(Mailbox? Mailbox, UploadRejection? Rejection, string? Entry = null)
{
    public static MailboxOpening Refused(UploadRejection rejection, string? entry = null) => new(null, rejection, entry);
}

/// <summary>
/// Many messages in one upload: an mbox (<see cref="MboxMailbox"/>) or a zip of .eml files (<see cref="ZipMailbox"/>).
/// Opening checks every limit that can be known before analysing (count, sizes, nesting, compression ratio), so that
/// a refusal is one clear answer instead of a batch that stops halfway; messages are then taken out one at a time.
/// </summary>
public abstract class Mailbox : IDisposable
{
    public const string MboxKind = "mbox", ZipKind = "zip";

    public abstract string Kind { get; }

    public abstract int Count { get; }

    /// <summary>Thread-safe: the page reads a message again when a reader opens its full report.</summary>
    public abstract MailboxMessage Read(int index);

    public virtual void Dispose() { }

    public static MailboxOpening Open(ReadOnlyMemory<byte> data, MailboxLimits limits)
    {
        if (data.Span.StartsWith("PK\u0003\u0004"u8) || data.Span.StartsWith("PK\u0005\u0006"u8))
            return ZipMailbox.Load(data, limits);
        if (data.Span.StartsWith("\uFEFF"u8))
            data = data[3..];
        return data.Span.StartsWith("From "u8) ? MboxMailbox.Load(data, limits) : MailboxOpening.Refused(UploadRejection.NotAMailbox);
    }

    /// <summary>A read-only stream over memory without copying it (the upload is already an array).</summary>
    protected static Stream StreamOver(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var array)
            ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
            : new MemoryStream(data.ToArray(), writable: false);
}
