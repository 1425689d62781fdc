using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Portal.Analysis.Replies;
using Portal.Analysis.Report;
using Portal.Articles;
using Scalar.AspNetCore;

namespace Portal.Upload;

/// <summary>
/// The OpenAPI document of the analyze API, generated from the endpoint's metadata (Microsoft.AspNetCore.OpenApi)
/// and served at <c>/openapi.json</c>. The response schema comes from the report model itself; the transformers
/// here add what the model cannot say: the fields <see cref="LocalizedReportJson"/> adds, the raw request body
/// (the endpoint reads it itself, so that size limits apply before reading), the language parameter's values and examples.
/// </summary>
public static class AnalyzeApiDescription
{
    public const string DocumentPath = "/openapi.json";
    public const string DocsPath = "/api/docs";

    /// <summary>Media types the endpoint reads as one raw message (see <see cref="RequestBodyReader"/>).</summary>
    public static readonly string[] RawMediaTypes = ["message/rfc822", "application/octet-stream", "text/plain", "application/mbox"];

    public static IServiceCollection AddAnalyzeApiDescription(this IServiceCollection services) =>
        services
            // The schema is generated with the report's JSON conventions (ReportJson): enums as camelCase strings,
            // numbers as numbers (the web default also reads numbers from strings, which the schema would then allow).
            .ConfigureHttpJsonOptions(json =>
            {
                json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
                json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
            })
            .AddOpenApi(options =>
        {
            // The document describes the public API, not the site's pages and admin form posts.
            options.ShouldInclude = endpoint => endpoint.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Portal email analyzer API",
                    Version = "1.0",
                    Description = "Analyzes one email in memory (it is never stored, nothing is decrypted, no masked identity is " +
                                  "looked up) and explains, in the language asked for, what protects it and why it cannot be " +
                                  "decrypted or traced to its sender.",
                };
                // Relative to wherever the site is served; the request's Host header is never echoed here.
                document.Servers = [new OpenApiServer { Url = "/" }];
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeAnalyzeOperation);
            options.AddSchemaTransformer(AddLocalizedFields);
        });

    /// <summary><c>/openapi.json</c>, and an interactive page for it at <c>/api/docs</c> (Scalar, served from this site).</summary>
    public static void MapAnalyzeApiDescription(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(DocsPath, scalar => scalar
            .WithTitle("Portal email analyzer API")
            // Its default fonts come from the vendor's font host; the site loads nothing from other origins.
            .DisableDefaultFonts()
            .WithOpenApiRoutePattern(DocumentPath));
    }

    private static Task DescribeAnalyzeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken _)
    {
        var path = context.Description.RelativePath?.TrimStart('/');
        var mailbox = path == Portal.Batch.MailboxApi.Route.TrimStart('/');
        if (path != AnalyzeApi.Route.TrimStart('/') && !mailbox)
            return Task.CompletedTask;

        var language = operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == "lang");
        if (language is not null)
        {
            language.Description = "Language of the verdict, the finding texts and error messages. Without it, Accept-Language decides; the default is English.";
            language.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = Languages.All.Select(l => (JsonNode)l.Code).ToList() };
        }

        var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        var content = (mailbox ? Portal.Batch.MailboxApi.RawMediaTypes : RawMediaTypes).ToDictionary(type => type, _ => new OpenApiMediaType { Schema = binary });
        content["multipart/form-data"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["file"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String, Format = "binary",
                        Description = mailbox ? "The mbox or zip file; the first file part is analyzed." : "The .eml file; the first file part is analyzed.",
                    },
                },
                Required = new HashSet<string> { "file" },
            },
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = mailbox ? "The raw mbox or zip, or a form with one file." : "The raw message, or a form with one file.",
            Content = content,
        };

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse described)
                continue;
            described.Description = (status, mailbox) switch
            {
                ("200", true) => "One JSON object per line, streamed as each message is analyzed, then a line with the counts.",
                ("400", true) => "Unreadable input: empty (code \"empty\"), neither an mbox nor a zip (\"not-a-mailbox\"), a zip that holds another " +
                                 "archive (\"archive-nested\"), compresses a file suspiciously well (\"archive-ratio\") or cannot be read " +
                                 "(\"archive-damaged\"), or a malformed request (\"bad-request\"). The member entry names the file of the zip.",
                ("413", true) => "Larger than Portal:Upload:MaxBytes (code \"too-large\"), more messages than Portal:Upload:Mailbox:MaxMessages " +
                                 "(\"too-many-messages\"), a zip that inflates to more than MaxInflatedBytes (\"archive-too-large\") or one file " +
                                 "larger than MaxEntryBytes (\"archive-entry-too-large\").",
                ("200", _) => "The engine's report with localized texts.",
                ("400", _) => "Unreadable input: empty (code \"empty\"), not an email (\"not-an-email\"), an Outlook .msg file (\"outlook-msg\"), or a malformed request such as a bad chunk (\"bad-request\").",
                ("408", _) => "The body arrived slower than the server's minimum data rate (code \"request-timeout\").",
                ("500", _) => "The analysis failed unexpectedly (code \"analysis-failed\"); the message was not stored, and the log records only its size and hash.",
                ("503", _) => "Every analysis slot and the short queue are taken (code \"busy\"); try again after Retry-After seconds.",
                ("413", _) => "Larger than Portal:Upload:MaxBytes (code \"too-large\").",
                ("415", _) => "Another media type than the ones listed for the request body (code \"unsupported-media-type\").",
                ("429", _) => "Over the rate limit for this client address (code \"rate-limited\").",
                _ => described.Description,
            };
            if (mailbox && status == "200")
                described.Content = new Dictionary<string, OpenApiMediaType>
                {
                    [Portal.Batch.MailboxJsonLines.MediaType] = new() { Schema = MailboxLineSchema(context) },
                };
            if (status is "429" or "503")
                described.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader { Description = "Seconds until the next request is accepted.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
                };
            if (status != "200" && described.Content?.TryGetValue("application/problem+json", out var problem) == true)
                problem.Example = ProblemExample(status);
        }
        return Task.CompletedTask;
    }

    /// <summary>One line of the mailbox stream: a message with its report, an error, or the end with the counts.</summary>
    private static OpenApiSchema MailboxLineSchema(OpenApiOperationTransformerContext context)
    {
        static OpenApiSchema Of(JsonSchemaType type, string? description) => new() { Type = type, Description = description };
        var nullableText = JsonSchemaType.String | JsonSchemaType.Null;
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "One line of the stream (application/x-ndjson).",
            Required = new HashSet<string> { "type" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["message", "error", "end"], Description = "What the line carries." },
                ["index"] = Of(JsonSchemaType.Integer, "The message's place in the mailbox, from 0 (message and error lines)."),
                ["name"] = Of(nullableText, "The file's path in the zip; null for an mbox."),
                ["summary"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "The message's row of the table (message lines).",
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["date"] = new OpenApiSchema { Type = nullableText, Format = "date-time", Description = "The Date header." },
                        ["from"] = Of(nullableText, "The From header."),
                        ["subject"] = Of(nullableText, "The Subject header."),
                        ["encryption"] = Of(JsonSchemaType.String, "none, smime, pgp or portal (as encryption.kind)."),
                        ["keyHolders"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Of(JsonSchemaType.String, null), Description = "Who holds the recipients' keys: certificate issuer and serial, OpenPGP key ID, or hidden." },
                        ["relay"] = Of(nullableText, "The private relay service, if any."),
                        ["signature"] = Of(JsonSchemaType.String, "none, smime or pgp."),
                        ["signatureVerified"] = Of(JsonSchemaType.Boolean | JsonSchemaType.Null, "True when every signature verifies, false when one does not, null when not checked."),
                        ["weakestTls"] = Of(nullableText, "The least protected hop between networks: none (no TLS), a version (TLS 1.2) or TLS; null when no hop says."),
                        ["defects"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Of(JsonSchemaType.String, null), Description = "Codes of the parser's defects." },
                        ["encryptedForSomeoneElse"] = Of(JsonSchemaType.Boolean, "Encrypted end to end (S/MIME or OpenPGP): only the key holders can read it."),
                    },
                },
                ["report"] = new OpenApiSchemaReference(nameof(AnalysisReport), context.Document),
                ["error"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "Why this message was not analyzed (error lines): code as in the problem details, localized title and detail.",
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["code"] = Of(JsonSchemaType.String, "Stable reason, for programs."),
                        ["title"] = Of(JsonSchemaType.String, "Localized title."),
                        ["detail"] = Of(JsonSchemaType.String, "Localized detail."),
                    },
                },
                ["messages"] = Of(JsonSchemaType.Integer, "Messages in the mailbox (end line)."),
                ["analyzed"] = Of(JsonSchemaType.Integer, "Messages analyzed (end line)."),
                ["failed"] = Of(JsonSchemaType.Integer, "Messages not analyzed (end line)."),
            },
        };
    }

    private static JsonNode ProblemExample(string status) => new JsonObject
    {
        ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        ["title"] = status == "413" ? "The file is too large" : "The request was refused",
        ["status"] = int.Parse(status, System.Globalization.CultureInfo.InvariantCulture),
        ["detail"] = status == "413" ? "The analyzer accepts messages up to 25 MB." : "See the code member for the reason.",
        ["instance"] = AnalyzeApi.Route,
        ["code"] = status switch
        {
            "400" => "empty", "408" => "request-timeout", "413" => "too-large", "415" => "unsupported-media-type",
            "429" => "rate-limited", "500" => "analysis-failed", _ => "busy",
        },
        ["language"] = "en",
    };

    /// <summary>The members <see cref="LocalizedReportJson"/> adds to the engine's report contract.</summary>
    private static Task AddLocalizedFields(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken _)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(AnalysisReport))
        {
            Add(schema, "language", Text("The language of the texts (en, zh, ja, fr, de, es)."));
            Add(schema, "verdict", Text("The report in a few plain sentences."));
            Add(schema, "suggestedReply", new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "A reply the agent can send the sender, written for this kind of verdict, in the request's language.",
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["kind"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The kind of verdict the reply is written for.", Enum = ReplyKinds.All.Select(k => (JsonNode)k).ToList() },
                    ["language"] = Text("The language of subject and body."),
                    ["to"] = Text("The address the analyzed message came from (a relay alias where a relay user wrote); null where a relay hid whom to answer.", nullable: true),
                    ["subject"] = Text("Subject line of the reply."),
                    ["body"] = Text("The reply's text; it names no address and never asks for a private key."),
                    ["mailto"] = Text("A mailto: link (RFC 6068) with to, subject and body."),
                },
            });
        }
        else if (type == typeof(ForwardSection))
        {
            Add(schema, "exportGuides", new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "The help-center sections that show how each mail client saves or forwards the original message.",
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["client"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = MailClients.All.Select(c => (JsonNode)c).ToList() },
                        ["article"] = Text("The article and section, e.g. /en/articles/saving-the-original-message#gmail."),
                    },
                },
            });
        }
        else if (type == typeof(Finding))
        {
            Add(schema, "title", Text("The finding's localized title."));
            Add(schema, "explanation", Text("What it means, in plain words."));
            Add(schema, "actions", new OpenApiSchema { Type = JsonSchemaType.Array, Items = Text(null), Description = "What the reader can do." });
            Add(schema, "article", Text("The help-center article (and section) that explains it."));
            Add(schema, "glossary", GlossaryLink);
        }
        else if (type == typeof(RecipientEntry))
        {
            Add(schema, "glossary", GlossaryLink);
            Add(schema, "plainName", Text("The recipient's kind in plain words ('RSA key transport'), localized; kind keeps the technical term.", nullable: true));
        }
        else if (type == typeof(HopEntry) || type == typeof(AuthResultEntry))
        {
            Add(schema, "glossary", GlossaryLink);
        }
        else if (type == typeof(Evidence))
        {
            Add(schema, "noteText", Text("The note in words, localized; null where the note is technical data.", nullable: true));
        }
        else if (type == typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))
        {
            Add(schema, "code", new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Stable reason, for programs.",
                Enum = Enum.GetValues<UploadRejection>().Select(r => (JsonNode)r.Code()).ToList(),
            });
            Add(schema, "language", Text("The language of title and detail."));
        }
        else if (type == typeof(DefectEntry))
        {
            Add(schema, "description", Text("What the defect means, localized."));
        }
        return Task.CompletedTask;
    }

    private static OpenApiSchema GlossaryLink => Text("The glossary entry for the technical term shown here, or null.", nullable: true);

    private static OpenApiSchema Text(string? description, bool nullable = false) =>
        new() { Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String, Description = description };

    private static void Add(OpenApiSchema schema, string name, OpenApiSchema property)
    {
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties[name] = property;
    }
}
