using System.Globalization;
using System.Text.Json;
using Portal.Analysis.Report;
using Portal.Articles;
using Portal.Upload;

namespace Portal.Batch;

/// <summary>The counts of a finished batch: the last line of the API's stream and of the CLI's output.</summary>
public sealed record MailboxTotals(int Messages, int Analyzed, int Failed);

/// <summary>
/// A mailbox's results as NDJSON (<c>application/x-ndjson</c>), one line per message as it finishes:
/// <c>{"type":"message","index":0,"name":…,"summary":{…},"report":{…}}</c> with the report exactly as
/// <c>POST /api/analyze</c> answers it, or <c>{"type":"error","index":3,"name":…,"error":{"code","title","detail"}}</c>;
/// then <c>{"type":"end","messages":…,"analyzed":…,"failed":…}</c>. A stream without its end line was cut short.
/// </summary>
public sealed class MailboxJsonLines(ReportLocalizer localizer, UploadProblems problems)
{
    public const string MediaType = "application/x-ndjson";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = ReportJson.Options.Encoder,
        MaxDepth = ReportJson.Options.MaxDepth,
    };

    public void WriteItem(Stream output, MailboxItem item, Language language)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("type", item.Report is null ? "error" : "message");
        WriteRowStart(writer, item.Row);
        if (item.Report is { } report)
        {
            writer.WritePropertyName("report");
            LocalizedReportJson.ToJson(localizer.Localize(report, language)).WriteTo(writer, ReportJson.Options);
        }
        else
        {
            WriteError(writer, item.Rejection ?? UploadRejection.AnalysisFailed, language);
        }
        writer.WriteEndObject();
        writer.Flush();
        output.WriteByte((byte)'\n');
    }

    public static void WriteEnd(Stream output, MailboxTotals totals)
    {
        using var writer = new Utf8JsonWriter(output, WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("type", "end");
        writer.WriteNumber("messages", totals.Messages);
        writer.WriteNumber("analyzed", totals.Analyzed);
        writer.WriteNumber("failed", totals.Failed);
        writer.WriteEndObject();
        writer.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>The table as a JSON array (the page's export): rows and their summaries, without reports.</summary>
    public string WriteTable(IEnumerable<MailboxRow> rows, Language language)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions with { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                WriteRowStart(writer, row);
                if (row.Summary is null)
                    WriteError(writer, row.Rejection ?? UploadRejection.AnalysisFailed, language);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteRowStart(Utf8JsonWriter writer, MailboxRow row)
    {
        writer.WriteNumber("index", row.Index);
        writer.WriteString("name", row.Name);
        if (row.Summary is not { } summary)
            return;
        writer.WriteStartObject("summary");
        if (summary.Date is { } date)
            writer.WriteString("date", date.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
        else
            writer.WriteNull("date");
        writer.WriteString("from", summary.From);
        writer.WriteString("subject", summary.Subject);
        writer.WriteString("encryption", summary.Encryption);
        WriteStrings(writer, "keyHolders", summary.KeyHolders);
        writer.WriteString("relay", summary.Relay);
        writer.WriteString("signature", summary.Signature);
        if (summary.SignatureVerified is { } verified)
            writer.WriteBoolean("signatureVerified", verified);
        else
            writer.WriteNull("signatureVerified");
        writer.WriteString("weakestTls", summary.WeakestTls);
        WriteStrings(writer, "defects", summary.Defects);
        writer.WriteBoolean("encryptedForSomeoneElse", summary.EncryptedForSomeoneElse);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
            writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    private void WriteError(Utf8JsonWriter writer, UploadRejection rejection, Language language)
    {
        writer.WriteStartObject("error");
        writer.WriteString("code", rejection.Code());
        writer.WriteString("title", problems.Title(rejection, language));
        writer.WriteString("detail", problems.Detail(rejection, language));
        writer.WriteEndObject();
    }
}
