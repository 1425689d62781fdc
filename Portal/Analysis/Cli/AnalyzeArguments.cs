using Portal.Analysis.Dkim;

namespace Portal.Analysis.Cli;

/// <summary>
/// The arguments of <c>Portal analyze</c>, read one way for one message (<see cref="AnalyzeCommand"/>) and for a whole
/// mailbox (Portal.Batch.MailboxCommand); each command checks the format it knows.
/// </summary>
public sealed record AnalyzeArguments(string File, string Format, string Language, DkimOptions Dkim, bool Mailbox)
{
    /// <summary>Null when the arguments cannot be read: an unknown option, a second file, or no file.</summary>
    public static AnalyzeArguments? Parse(string[] args, string defaultFormat)
    {
        string? file = null;
        var format = defaultFormat;
        var language = "en";
        // Like the site's default: DKIM and ARC keys are looked up, which tells the resolver which domains signed the file.
        var dkim = new DkimOptions();
        var mailbox = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--format" when i + 1 < args.Length: format = args[++i]; break;
                case "--lang" when i + 1 < args.Length: language = args[++i]; break;
                case "--dkim" when i + 1 < args.Length && Enum.TryParse<DkimMode>(args[i + 1], ignoreCase: true, out var mode): dkim.Mode = mode; i++; break;
                case "--dns-server" when i + 1 < args.Length: dkim.DnsServer = args[++i]; break;
                case "--mailbox": mailbox = true; break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || file is not null)
                        return null;
                    file = args[i];
                    break;
            }
        }
        return file is null ? null : new AnalyzeArguments(file, format, language, dkim, mailbox);
    }
}
