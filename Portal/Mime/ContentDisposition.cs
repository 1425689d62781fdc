namespace Portal.Mime;

/// <summary>A parsed Content-Disposition (RFC 2183), with RFC 2231 and (non-standard but common) RFC 2047 file names decoded.</summary>
public sealed class ContentDisposition
{
    public ContentDisposition(string disposition, IReadOnlyDictionary<string, string> parameters)
    {
        Disposition = disposition.ToLowerInvariant();
        Parameters = parameters;
    }

    /// <summary>"inline", "attachment" or whatever the sender wrote, lower-case; "" when missing.</summary>
    public string Disposition { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public string? FileName => Parameters.TryGetValue("filename", out var name) && name.Length > 0 ? name : null;

    public bool IsAttachment => Disposition == "attachment";

    public static ContentDisposition Parse(string value) => Parse(value, out _);

    internal static ContentDisposition Parse(string value, out bool valid)
    {
        var text = ParameterListParser.StripComments(value ?? string.Empty);
        var semicolon = text.IndexOf(';');
        var disposition = (semicolon < 0 ? text : text[..semicolon]).Trim();
        var malformed = false;
        var parameters = semicolon < 0
            ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            : Rfc2231.JoinParameters(ParameterListParser.Parse(text, semicolon + 1, out malformed));
        var dispositionIsToken = ContentType.IsToken(disposition);
        valid = dispositionIsToken && !malformed;
        return new ContentDisposition(dispositionIsToken ? disposition : string.Empty, parameters);
    }
}
