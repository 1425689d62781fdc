using System.Globalization;

namespace Portal.Admin;

/// <summary>
/// Audit details as language-neutral codes with arguments (<c>code:arg:arg</c>), so that the audit page can show them
/// in the admin's language. Older entries hold English text; they are shown as they were written.
/// </summary>
public static class AuditDetails
{
    public const string RevisionCode = "revision", DraftRevisionCode = "revision-draft", RestoredCode = "restored",
        RestoredPublishedCode = "restored-published", ExportedCode = "exported", KeptPortal = "kept-portal", TookFile = "took-file";

    /// <summary>The codes a detail may start with; anything else is free text.</summary>
    public static readonly IReadOnlySet<string> Codes = new HashSet<string>(StringComparer.Ordinal)
    {
        RevisionCode, DraftRevisionCode, RestoredCode, RestoredPublishedCode, ExportedCode, KeptPortal, TookFile,
    };

    public static string Revision(int number, bool draft) => Format(draft ? DraftRevisionCode : RevisionCode, number);

    public static string Restored(int restored, int asRevision, bool published) =>
        Format(published ? RestoredPublishedCode : RestoredCode, restored, asRevision);

    public static string Exported(int written, int unchanged, int conflictsLeft) => Format(ExportedCode, written, unchanged, conflictsLeft);

    /// <summary>The code and its arguments, or null for free text (an older entry, a role name, a catalog row).</summary>
    public static (string Code, string[] Arguments)? Parse(string detail)
    {
        var parts = detail.Split(':');
        return Codes.Contains(parts[0]) ? (parts[0], parts[1..]) : null;
    }

    private static string Format(string code, params int[] arguments) =>
        string.Join(':', [code, .. arguments.Select(a => a.ToString(CultureInfo.InvariantCulture))]);
}
