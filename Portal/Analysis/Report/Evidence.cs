namespace Portal.Analysis.Report;

/// <summary>
/// Where in the message a finding comes from: a header (name, value, line) or a MIME part (path),
/// plus an optional short note in plain words (not localized: it quotes the message).
/// </summary>
public sealed record Evidence(
    string? Header = null,
    string? Value = null,
    int? Line = null,
    string? PartPath = null,
    string? Note = null)
{
    public static Evidence FromHeader(Portal.Mime.Header header, string? note = null) =>
        new(header.Name, header.Value, header.LineNumber, null, note);

    public static Evidence FromPart(string partPath, string? note = null) => new(PartPath: partPath, Note: note);
}
