using System.Security.Cryptography;
using System.Text;
using Portal.Mime;

namespace Portal.Tests.Mime;

/// <summary>
/// What two MIME parsers should agree on for one message, described the same way for ours and for MimeKit:
/// the tree (content types, filenames, decoded body lengths and hashes) and the decoded Subject, From and To.
/// Each aspect is compared on its own, so one disagreement does not hide the others.
/// </summary>
public static class ParserComparison
{
    // MimeKit reads the code pages (ISO-2022-JP, EUC-KR...) only if they are registered before its charset table is
    // first used; registering here makes its answers independent of which test happened to run first.
    static ParserComparison() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public const string Exception = "exception", Parts = "parts", ContentTypes = "content-types", Filenames = "filenames",
        Bodies = "bodies", Subject = "subject", From = "from", To = "to";

    public sealed record Description(IReadOnlyDictionary<string, string> Aspects);

    public static Description Ours(byte[] data)
    {
        var message = MimeParser.Parse(data);
        var nodes = new List<(string Type, string? Filename, byte[]? Body)>();
        foreach (var entity in message.AllEntities())
            if (IsHeaderBlock(entity.ContentType.MimeType))
                nodes.Add((entity.ContentType.MimeType, null, null));
            else
                nodes.Add((entity.ContentType.MimeType, entity.IsMultipart || entity.IsMessage ? null : entity.FileName,
                    entity.IsMultipart || entity.IsMessage ? null : entity.DecodeBody()));
        var headers = message.Root.Headers;
        return Describe(nodes, headers.GetValue("Subject"),
            Addresses(headers.GetAll("From")), Addresses(headers.GetAll("To")));

        static IEnumerable<string> Addresses(IEnumerable<Header> all) =>
            all.SelectMany(h => AddressParser.Parse(h.RawText)).Select(m => Mailbox(m.DisplayName, m.Address));
    }

    public static Description MimeKit(byte[] data, long rootOffset)
    {
        MimeKit.MimeMessage message;
        try
        {
            // From the root entity, as the DKIM detector hands it over: an mbox "From " line is no header.
            using var stream = new MemoryStream(data, (int)rootOffset, data.Length - (int)rootOffset, writable: false);
            message = global::MimeKit.MimeMessage.Load(stream);
        }
        catch (Exception e) when (e is FormatException or global::MimeKit.ParseException)
        {
            return new Description(new Dictionary<string, string> { [Exception] = e.GetType().Name });
        }
        var nodes = new List<(string Type, string? Filename, byte[]? Body)>();
        Walk(message.Body, nodes);
        return Describe(nodes, message.Subject,
            message.From.Mailboxes.Select(m => Mailbox(m.Name, m.Address)), message.To.Mailboxes.Select(m => Mailbox(m.Name, m.Address)));
    }

    private static void Walk(global::MimeKit.MimeEntity? entity, List<(string Type, string? Filename, byte[]? Body)> nodes)
    {
        switch (entity)
        {
            case null:
                return;
            case global::MimeKit.Multipart multipart:
                nodes.Add((multipart.ContentType.MimeType.ToLowerInvariant(), null, null));
                foreach (var child in multipart)
                    Walk(child, nodes);
                break;
            case global::MimeKit.MessagePart headers when IsHeaderBlock(headers.ContentType.MimeType.ToLowerInvariant()):
                nodes.Add((headers.ContentType.MimeType.ToLowerInvariant(), null, null));
                break;
            case global::MimeKit.MessagePart message:
                nodes.Add((message.ContentType.MimeType.ToLowerInvariant(), null, null));
                Walk(message.Message?.Body, nodes);
                break;
            case global::MimeKit.MimePart part:
                using (var body = new MemoryStream())
                {
                    part.Content?.DecodeTo(body);
                    nodes.Add((part.ContentType.MimeType.ToLowerInvariant(), part.FileName, body.ToArray()));
                }
                break;
            default:
                nodes.Add((entity.ContentType.MimeType.ToLowerInvariant(), null, null));
                break;
        }
    }

    /// <summary>
    /// A returned message's header block (RFC 6522 text/rfc822-headers, RFC 6533 message/global-headers): a leaf
    /// of text to us, a header-only message to MimeKit, whose empty "body" then takes whatever Content-Type those
    /// headers name. Both hold the same bytes; only the node is compared, not a body neither parser has.
    /// </summary>
    private static bool IsHeaderBlock(string mimeType) => mimeType is "text/rfc822-headers" or "message/global-headers";

    private static string Mailbox(string? name, string? address) =>
        $"{Normalize(name)} <{address?.ToLowerInvariant()}>".TrimStart();

    // Folding and runs of spaces carry no meaning in a decoded header.
    private static string Normalize(string? text) =>
        text is null ? "" : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static Description Describe(List<(string Type, string? Filename, byte[]? Body)> nodes, string? subject,
        IEnumerable<string> from, IEnumerable<string> to) =>
        new(new Dictionary<string, string>
        {
            [Parts] = nodes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [ContentTypes] = string.Join(", ", nodes.Select(n => n.Type)),
            [Filenames] = string.Join(", ", nodes.Where(n => n.Filename is not null).Select(n => n.Filename)),
            [Bodies] = string.Join(", ", nodes.Where(n => n.Body is not null)
                .Select(n => $"{n.Body!.Length}:{Convert.ToHexString(SHA256.HashData(n.Body))[..12]}")),
            [Subject] = Normalize(subject),
            [From] = string.Join(", ", from),
            [To] = string.Join(", ", to),
        });

    /// <summary>The aspects on which the two descriptions differ, with both values.</summary>
    public static IEnumerable<(string Aspect, string Ours, string Theirs)> Differences(Description ours, Description theirs)
    {
        if (theirs.Aspects.TryGetValue(Exception, out var exception))
        {
            yield return (Exception, "parsed", exception);
            yield break;
        }
        foreach (var (aspect, value) in ours.Aspects)
            if (theirs.Aspects.GetValueOrDefault(aspect) is var other && other != value)
                yield return (aspect, value, other ?? "");
    }
}
