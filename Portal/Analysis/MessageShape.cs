using Portal.Mime;

namespace Portal.Analysis;

/// <summary>Whether a file is a whole message or only a piece of one.</summary>
public static class MessageShape
{
    /// <summary>
    /// A saved attachment, a .p7m file or a pasted body has MIME headers at most: none of the headers every sent
    /// message carries (From, Date, Message-ID) and no Received line. Reporting its missing Message-ID as a defect
    /// of a well-formed message would miss the point.
    /// </summary>
    public static bool IsFragment(HeaderList headers) =>
        headers["From"] is null && headers["Date"] is null && headers["Message-ID"] is null && headers["Received"] is null;
}
