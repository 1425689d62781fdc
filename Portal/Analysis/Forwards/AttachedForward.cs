using Portal.Mime;

namespace Portal.Analysis.Forwards;

/// <summary>
/// A forward whose original travels whole as its one attached message: the message/rfc822 part and the original's
/// bytes (a slice of the upload, or the decoded body where a client base64-encoded the attachment against RFC 2046).
/// </summary>
public sealed record AttachedForward(MimeEntity Attachment, ReadOnlyMemory<byte> Original)
{
    /// <summary>Text of the forward's own body above which a message that carries a message is a letter, not a forward.</summary>
    private const int ShortNoteChars = 1500;

    /// <summary>
    /// The upload's one attached message when the upload is clearly a forward of it, else null. "Clearly": the subject
    /// carries a forward marker, or it repeats the original's subject, or the forwarder wrote no more than a short note
    /// and attached nothing else. Never for what carries a message for another reason: a delivery or read report
    /// (multipart/report, message/delivery-status, a MAILER-DAEMON), an abuse report, a digest, or several messages.
    /// </summary>
    public static AttachedForward? Find(ParsedMessage message)
    {
        var root = message.Root;
        if (IsAutomaticReport(root))
            return null;
        var own = OwnParts(root).ToList();
        if (own.Any(IsReportPart))
            return null;
        var attached = own.Where(e => IsMessageType(e.ContentType)).ToList();
        if (attached.Count != 1 || attached[0].Parent is { } parent && parent.ContentType.Is("multipart/digest"))
            return null;
        var attachment = attached[0];
        var original = OriginalBytes(attachment);
        if (original.IsEmpty)
            return null;
        var originalHeaders = attachment.EmbeddedMessage?.Headers ?? MimeParser.Parse(original).Root.Headers;
        if (MessageShape.IsFragment(originalHeaders))
            return null;

        var subject = root.Headers.GetValue("Subject");
        var marked = ForwardSubject.IsForward(subject);
        // An automatic message (a vacation reply, a system notice) that carries a message is a forward only when it says so.
        if (!marked && AutoSubmitted(root))
            return null;
        var sameSubject = !string.IsNullOrWhiteSpace(subject)
            && string.Equals(ForwardSubject.Strip(subject), ForwardSubject.Strip(originalHeaders.GetValue("Subject")), StringComparison.OrdinalIgnoreCase);
        var onlyANote = own.All(e => e == root || e == attachment || e.IsMultipart || IsShortText(e));
        return marked || sameSubject || onlyANote ? new AttachedForward(attachment, original) : null;
    }

    /// <summary>The upload's own parts: everything except what lies inside an attached message.</summary>
    private static IEnumerable<MimeEntity> OwnParts(MimeEntity root)
    {
        var stack = new Stack<MimeEntity>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var entity = stack.Pop();
            yield return entity;
            if (entity.IsMessage && entity != root)
                continue;
            for (var i = entity.Children.Count - 1; i >= 0; i--)
                stack.Push(entity.Children[i]);
        }
    }

    private static bool IsMessageType(ContentType type) =>
        type.MediaType == "message" && type.MediaSubtype is "rfc822" or "global";

    /// <summary>RFC 3462/6522 reports: delivery status (RFC 3464), read receipts (RFC 8098), abuse reports (RFC 5965).</summary>
    private static bool IsReportPart(MimeEntity entity) =>
        entity.ContentType.Is("multipart/report") || entity.ContentType.Is("message/delivery-status")
        || entity.ContentType.Is("message/global-delivery-status") || entity.ContentType.Is("message/disposition-notification")
        || entity.ContentType.Is("message/feedback-report") || entity.ContentType.Is("text/rfc822-headers");

    /// <summary>Bounces that predate RFC 3464 still come from the mail system's own address.</summary>
    private static bool IsAutomaticReport(MimeEntity root)
    {
        var from = root.Headers.GetValue("From") ?? "";
        return from.Contains("mailer-daemon", StringComparison.OrdinalIgnoreCase)
               || from.Contains("postmaster@", StringComparison.OrdinalIgnoreCase)
               || from.Contains("<postmaster", StringComparison.OrdinalIgnoreCase);
    }

    private static bool AutoSubmitted(MimeEntity root) =>
        root.Headers.GetValue("Auto-Submitted") is { } value && !value.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase);

    private static bool IsShortText(MimeEntity entity) =>
        entity.ContentType.MediaType == "text" && !IsAttachment(entity) && entity.RawBody.Length <= ShortNoteChars * 4
        && entity.DecodeText().Trim().Length <= ShortNoteChars;

    private static bool IsAttachment(MimeEntity entity) => entity.ContentDisposition?.IsAttachment == true;

    private static ReadOnlyMemory<byte> OriginalBytes(MimeEntity attachment) =>
        attachment.EmbeddedMessage is { } embedded ? embedded.RawEntity
        : attachment.TransferEncoding is "base64" or "quoted-printable" ? attachment.DecodeBody()
        : ReadOnlyMemory<byte>.Empty;
}
