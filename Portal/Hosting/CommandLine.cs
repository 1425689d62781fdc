using Portal.Analysis.Cli;

namespace Portal.Hosting;

/// <summary>
/// The portal's executable doubles as a command-line tool. A first argument naming a command
/// runs that command instead of the web server; anything else starts the site.
/// </summary>
public static class CommandLine
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        ["admin"] = Portal.Admin.AdminCommand.RunFromConsoleAsync,
        ["analyze"] = Portal.Batch.MailboxCommand.RunAsync,
        ["bench"] = BenchCommand.RunAsync,
        ["bench-search"] = Portal.Articles.Cli.SearchBenchCommand.RunAsync,
        ["bench-batch"] = Portal.Batch.MailboxBenchCommand.RunAsync,
    };

    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var command))
            return null;
        return await command(args[1..]);
    }
}
