using Portal.Hosting;
using Portal.Upload;

namespace Portal.Batch;

/// <summary>
/// An mbox as Thunderbird, Google Takeout, formail or Python's <c>mailbox</c> write it: each message starts with a
/// <c>From </c> line. Body lines that began with <c>From </c> were quoted as <c>&gt;From </c>; reading undoes one level of
/// quoting on every <c>&gt;…&gt;From </c> line, which is exact for mboxrd and for mboxo's only quoted form (an mboxo body
/// line that really began with <c>&gt;From </c> cannot be told apart, by that format's design).
/// </summary>
public sealed class MboxMailbox : Mailbox
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly List<(int Start, int End)> _messages;

    private MboxMailbox(ReadOnlyMemory<byte> data, List<(int, int)> messages) => (_data, _messages) = (data, messages);

    public override string Kind => MboxKind;

    public override int Count => _messages.Count;

    /// <summary>Only the offsets are kept: a message's bytes are sliced (or unquoted) when it is read.</summary>
    public static MailboxOpening Load(ReadOnlyMemory<byte> data, MailboxLimits limits)
    {
        var span = data.Span;
        var messages = new List<(int, int)>();
        var start = -1;
        var position = 0;
        while (position < span.Length)
        {
            var lineEnd = span[position..].IndexOf((byte)'\n');
            var next = lineEnd < 0 ? span.Length : position + lineEnd + 1;
            if (span[position..].StartsWith("From "u8) && IsSeparator(span, position))
            {
                if (start >= 0)
                    messages.Add((start, MessageEnd(span, start, position)));
                if (messages.Count >= limits.MaxMessages)
                    return MailboxOpening.Refused(UploadRejection.TooManyMessages);
                start = next;
            }
            position = next;
        }
        if (start >= 0)
            messages.Add((start, MessageEnd(span, start, span.Length)));
        return new MailboxOpening(new MboxMailbox(data, messages), null);
    }

    public override MailboxMessage Read(int index)
    {
        var (start, end) = _messages[index];
        return new MailboxMessage(index, null, Unquote(_data[start..end]));
    }

    /// <summary>
    /// A <c>From </c> line at the start, after a blank line (what every writer puts between messages), or shaped like a
    /// postmark (<c>From sender Mon Nov 30 …</c>) for writers that leave the blank line out.
    /// </summary>
    private static bool IsSeparator(ReadOnlySpan<byte> span, int lineStart)
    {
        if (lineStart == 0)
            return true;
        var before = span[..lineStart];
        if (before.EndsWith("\n\n"u8) || before.EndsWith("\n\r\n"u8))
            return true;
        return LooksLikePostmark(span[(lineStart + 5)..]);
    }

    private static readonly string[] Weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    private static bool LooksLikePostmark(ReadOnlySpan<byte> rest)
    {
        var sender = rest.IndexOfAny((byte)' ', (byte)'\n');
        if (sender <= 0 || rest[sender] != (byte)' ')
            return false;
        rest = rest[sender..].TrimStart((byte)' ');
        if (rest.Length < 4 || rest[3] != (byte)' ')
            return false;
        var day = System.Text.Encoding.ASCII.GetString(rest[..3]);
        return Weekdays.Contains(day);
    }

    /// <summary>The blank line that a writer adds after each message (before the next <c>From </c> line, and at the end) belongs to the mbox.</summary>
    private static int MessageEnd(ReadOnlySpan<byte> span, int start, int separator)
    {
        var content = span[start..separator];
        if (content.EndsWith("\r\n\r\n"u8))
            return separator - 2;
        if (content.EndsWith("\n\n"u8))
            return separator - 1;
        return separator;
    }

    /// <summary>Copies the message only when it holds a quoted <c>From </c> line; most messages are handed on as a slice.</summary>
    private static ReadOnlyMemory<byte> Unquote(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        if (!HasQuotedFrom(span))
            return message;
        var output = new byte[span.Length];
        var written = 0;
        var position = 0;
        while (position < span.Length)
        {
            var lineEnd = span[position..].IndexOf((byte)'\n');
            var next = lineEnd < 0 ? span.Length : position + lineEnd + 1;
            var line = span[position..next];
            if (IsQuotedFrom(line))
                line = line[1..];
            line.CopyTo(output.AsSpan(written));
            written += line.Length;
            position = next;
        }
        return output.AsMemory(0, written);
    }

    private static bool HasQuotedFrom(ReadOnlySpan<byte> span)
    {
        if (IsQuotedFrom(span))
            return true;
        var position = 0;
        while (position < span.Length)
        {
            var found = span[position..].IndexOf("\n>"u8);
            if (found < 0)
                return false;
            position += found + 1;
            if (IsQuotedFrom(span[position..]))
                return true;
        }
        return false;
    }

    private static bool IsQuotedFrom(ReadOnlySpan<byte> line)
    {
        var quotes = line.IndexOfAnyExcept((byte)'>');
        return quotes > 0 && line[quotes..].StartsWith("From "u8);
    }
}
