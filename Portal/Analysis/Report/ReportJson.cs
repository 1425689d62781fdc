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

    /// <summary>The JSON depth a report needs for a MIME tree of <paramref name="mimeDepth"/> levels below the root, with room to spare.</summary>
    public static int MaxDepthFor(int mimeDepth) => 2 * (mimeDepth + 1) + 8;

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
            // member: the writer's default of 64 broke on messages the parser accepts (31 levels and deeper).
            MaxDepth = MaxDepthFor(MimeParserOptions.Default.MaxDepth),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
