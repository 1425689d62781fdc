namespace Portal.Mime;

/// <summary>A parsed Content-Type (RFC 2045 5.1). Type and subtype are lower-case; parameter names are case-insensitive.</summary>
public sealed class ContentType
{
    private static readonly IReadOnlyDictionary<string, string> NoParameters =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public ContentType(string mediaType, string mediaSubtype, IReadOnlyDictionary<string, string>? parameters = null)
    {
        MediaType = mediaType.ToLowerInvariant();
        MediaSubtype = mediaSubtype.ToLowerInvariant();
        MimeType = MediaType + "/" + MediaSubtype;
        Parameters = parameters ?? NoParameters;
    }

    /// <summary>text/plain; charset=us-ascii, the RFC 2045 default when the header is absent or unusable.</summary>
    public static ContentType Default { get; } =
        new("text", "plain", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["charset"] = "us-ascii" });

    /// <summary>message/rfc822, the default inside multipart/digest (RFC 2046 5.1.5).</summary>
    internal static ContentType DigestDefault { get; } = new("message", "rfc822");

    public string MediaType { get; }
    public string MediaSubtype { get; }

    /// <summary>"type/subtype", lower-case.</summary>
    public string MimeType { get; }

    public IReadOnlyDictionary<string, string> Parameters { get; }

    public string? Boundary => Get("boundary");
    public string? Charset => Get("charset");
    public bool IsMultipart => MediaType == "multipart";

    public string? Get(string parameter) => Parameters.TryGetValue(parameter, out var value) ? value : null;

    public bool Is(string mimeType) => string.Equals(MimeType, mimeType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Never throws; an unusable value gives <see cref="Default"/> (keeping any parameters that could be read).</summary>
    public static ContentType Parse(string value) => Parse(value, out _);

    internal static ContentType Parse(string value, out bool valid)
    {
        var text = ParameterListParser.StripComments(value ?? string.Empty);
        var semicolon = text.IndexOf(';');
        var main = (semicolon < 0 ? text : text[..semicolon]).Trim();
        var parameterStart = semicolon < 0 ? text.Length : semicolon + 1;

        // A missing ';' before the first parameter is a common mistake: "multipart/mixed boundary=x".
        var space = main.AsSpan().IndexOfAny(' ', '\t');
        if (space > 0 && main.IndexOf('=', space) > 0)
        {
            parameterStart = text.IndexOf(main, StringComparison.Ordinal) + space;
            main = main[..space];
        }

        var rawParameters = ParameterListParser.Parse(text, parameterStart, out var malformedParameters);
        var parameters = Rfc2231.JoinParameters(rawParameters);
        var slash = main.IndexOf('/');
        var type = slash < 0 ? main : main[..slash].Trim();
        var subtype = slash < 0 ? string.Empty : main[(slash + 1)..].Trim();
        valid = IsToken(type) && IsToken(subtype) && !malformedParameters;
        if (!IsToken(type) || !IsToken(subtype))
        {
            if (!parameters.ContainsKey("charset"))
                parameters["charset"] = "us-ascii";
            return new ContentType("text", "plain", parameters);
        }
        return new ContentType(type, subtype, parameters);
    }

    internal static bool IsToken(string text)
    {
        if (text.Length == 0)
            return false;
        foreach (var c in text)
            if (c <= ' ' || c >= 0x7F || c is '(' or ')' or '<' or '>' or '@' or ',' or ';' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '=')
                return false;
        return true;
    }

    public override string ToString() => MimeType;
}
