using System.Globalization;
using System.Text;
using Portal.Upload;

namespace Portal.Batch;

/// <summary>
/// A mailbox's table as CSV (RFC 4180: comma, CRLF, quotes doubled), one row per message, for a spreadsheet. Values are
/// the report's codes, so a sheet made in one language sorts like one made in another. Subjects and addresses come from
/// strangers: a cell that a spreadsheet would run as a formula (starting with = + - @ or a control character) is
/// prefixed with an apostrophe.
/// </summary>
public static class MailboxCsv
{
    public const string MediaType = "text/csv";

    public static readonly string Header =
        "index,file,date,from,subject,encryption,key_holders,relay,signature,signature_verified,weakest_tls,defects,error";

    public static void WriteHeader(TextWriter output)
    {
        output.Write(Header);
        output.Write("\r\n");
    }

    public static void WriteRow(TextWriter output, MailboxRow row)
    {
        var summary = row.Summary;
        string?[] cells =
        [
            row.Index.ToString(CultureInfo.InvariantCulture),
            row.Name,
            summary?.Date?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            summary?.From,
            summary?.Subject,
            summary?.Encryption,
            summary is null ? null : string.Join("; ", summary.KeyHolders),
            summary?.Relay,
            summary?.Signature,
            summary?.SignatureVerified is { } verified ? (verified ? "yes" : "no") : null,
            summary?.WeakestTls,
            summary is null ? null : string.Join(" ", summary.Defects),
            summary is null ? (row.Rejection ?? UploadRejection.AnalysisFailed).Code() : null,
        ];
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
                output.Write(',');
            output.Write(Cell(cells[i]));
        }
        output.Write("\r\n");
    }

    public static string Write(IEnumerable<MailboxRow> rows)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        WriteHeader(text);
        foreach (var row in rows)
            WriteRow(text, row);
        return text.ToString();
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n')
            value = "'" + value;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
            return value;
        return new StringBuilder(value.Length + 2).Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }
}
