using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Portal.Mime;

namespace Portal.Analysis.Report;

/// <summary>The stable JSON form of a report: camelCase names, explicit nulls, lower-case severities.</summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(AnalysisReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>The JSON depth a report needs for a MIME tree of <paramref name="mimeDepth"/> levels below the root (at least the default 64).</summary>
    public static int MaxDepthFor(int mimeDepth) => Math.Max(64, 2 * mimeDepth + 3);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            WriteIndented = true,
            // Reports quote header values; keep them readable instead of \u-escaping every non-ASCII letter.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            // Every MIME level is two JSON levels (the node and its children array) under the report and its "mime"
            // member: the writer's limit follows the parser's, so that no message the parser accepts breaks it.
            MaxDepth = MaxDepthFor(MimeParserOptions.Default.MaxDepth),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
