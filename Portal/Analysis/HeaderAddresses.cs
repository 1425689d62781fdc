using Portal.Mime;

namespace Portal.Analysis;

/// <summary>The address headers as the detectors read them, through the parser's <see cref="AddressParser"/>.</summary>
internal static class HeaderAddresses
{
    /// <summary>Every mailbox of an address header; the raw text goes in so that encoded words are decoded after splitting.</summary>
    public static IReadOnlyList<MailboxAddress> All(Header header) => AddressParser.Parse(header.RawText);

    /// <summary>
    /// The first mailbox that has a domain, or null. An unquoted comma in a display name
    /// ("Norton I., Emperor &lt;n@example.com&gt;") splits off a piece that has none.
    /// </summary>
    public static MailboxAddress? First(Header? header) =>
        header is null ? null : All(header).FirstOrDefault(m => m.Domain.Length > 0);
}
