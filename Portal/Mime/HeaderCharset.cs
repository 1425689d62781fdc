using System.Text;

namespace Portal.Mime;

/// <summary>The charset raw 8-bit header bytes of one message are read in when they are not UTF-8 (see ParseContext).</summary>
internal sealed class HeaderCharset
{
    public Encoding? Encoding { get; private set; }

    /// <summary>Takes the first declared charset that can hold raw header bytes: ASCII-compatible, neither ASCII nor UTF-8.</summary>
    public void Offer(string? charset)
    {
        if (Encoding is not null || CharsetDecoder.GetEncoding(charset) is not { } encoding)
            return;
        // UTF-8 is tried first anyway; UTF-16/32 and UTF-7 cannot be what raw bytes in a header line are.
        if (encoding.CodePage is 20127 or 65001 or 65000 or 1200 or 1201 or 12000 or 12001)
            return;
        Encoding = encoding;
    }
}
