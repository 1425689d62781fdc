namespace Portal.Analysis.Report;

/// <summary>
/// Where in the message a finding comes from: a header (name, value, line) or a MIME part (path),
/// plus an optional short note. <see cref="Note"/> is technical data in English (a packet name, an
/// algorithm, a parser diagnostic, a catalog's basis) and stays as it is for API clients; where the note is
/// words for the reader, <see cref="NoteKey"/> and <see cref="NoteArgs"/> select its localized text
/// (<c>note.{NoteKey}</c> in FindingTexts, one of <see cref="EvidenceNotes.All"/>).
/// </summary>
public sealed record Evidence(
    string? Header = null,
    string? Value = null,
    int? Line = null,
    string? PartPath = null,
    string? Note = null)
{
    public string? NoteKey { get; init; }
    public IReadOnlyDictionary<string, string>? NoteArgs { get; init; }

    public static Evidence FromHeader(Portal.Mime.Header header, string? note = null) =>
        new(header.Name, header.Value, header.LineNumber, null, note);

    public static Evidence FromPart(string partPath, string? note = null) => new(PartPath: partPath, Note: note);

    /// <summary>This evidence with a note the reader sees in their language.</summary>
    public Evidence Explained(EvidenceNote note, IReadOnlyDictionary<string, string>? args = null) =>
        this with { NoteKey = note.Key, NoteArgs = args };
}
