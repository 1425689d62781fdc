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

    /// <summary>Further localized notes when several findings' reasons point at this same line (see <see cref="Merge"/>).</summary>
    public IReadOnlyList<string>? MoreNoteKeys { get; init; }

    public static Evidence FromHeader(Portal.Mime.Header header, string? note = null) =>
        new(header.Name, header.Value, header.LineNumber, null, note);

    public static Evidence FromPart(string partPath, string? note = null) => new(PartPath: partPath, Note: note);

    /// <summary>
    /// One line per header line or part: the same header listed twice with different notes (a relay's domain and its
    /// display-name marker both on From) becomes one piece of evidence carrying both notes.
    /// </summary>
    public static List<Evidence> Merge(IEnumerable<Evidence> evidence)
    {
        var merged = new List<Evidence>();
        foreach (var item in evidence)
        {
            var index = merged.FindIndex(e => e.Header == item.Header && e.Value == item.Value && e.Line == item.Line && e.PartPath == item.PartPath);
            if (index < 0)
            {
                merged.Add(item);
                continue;
            }
            var existing = merged[index];
            var keys = new List<string>(existing.MoreNoteKeys ?? []);
            if (item.NoteKey is { } key && key != existing.NoteKey && !keys.Contains(key))
                keys.Add(key);
            var note = existing.Note is null ? item.Note
                : item.Note is null || existing.Note.Split("; ").Contains(item.Note) ? existing.Note
                : $"{existing.Note}; {item.Note}";
            merged[index] = existing with
            {
                Note = note,
                NoteKey = existing.NoteKey ?? item.NoteKey,
                NoteArgs = existing.NoteArgs ?? item.NoteArgs,
                MoreNoteKeys = keys.Count > 0 ? keys.Where(k => k != (existing.NoteKey ?? item.NoteKey)).ToList() : existing.MoreNoteKeys,
            };
        }
        return merged;
    }

    /// <summary>This evidence with a note the reader sees in their language.</summary>
    public Evidence Explained(EvidenceNote note, IReadOnlyDictionary<string, string>? args = null) =>
        this with { NoteKey = note.Key, NoteArgs = args };
}
