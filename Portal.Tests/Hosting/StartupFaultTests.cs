using System.Diagnostics;
using Portal.Hosting;
using Portal.Tests.Support;

namespace Portal.Tests.Hosting;

/// <summary>
/// The real executable started on a damaged or unusable database: one clear log line (path, what is wrong, what to do)
/// and an exit code of its own, instead of an unhandled exception (exit 134).
/// </summary>
public sealed class StartupFaultTests
{
    [Fact]
    public async Task A_corrupted_database_ends_start_up_with_one_clear_line_and_its_own_exit_code()
    {
        var data = Directory.CreateTempSubdirectory("portal-corrupt-").FullName;
        try
        {
            await File.WriteAllBytesAsync(Path.Combine(data, "portal.db"), System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("this is no SQLite file. ", 400))));
            var (exit, output) = await RunPortalAsync(data);
            Assert.Equal(PortalSetup.DataFaultExitCode, exit);
            var line = Assert.Single(output.Split('\n'), l => l.Contains("Cannot start:", StringComparison.Ordinal));
            Assert.Contains(Path.Combine(data, "portal.db"), line);
            Assert.Contains("not a SQLite database", line);
            Assert.Contains("What to do:", line);
            Assert.DoesNotContain("Unhandled exception", output);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_database_path_that_cannot_be_opened_ends_start_up_with_its_own_exit_code()
    {
        var data = Directory.CreateTempSubdirectory("portal-unopenable-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(data, "portal.db")); // a folder where the file should be
            var (exit, output) = await RunPortalAsync(data);
            Assert.Equal(PortalSetup.DataFaultExitCode, exit);
            Assert.Contains("cannot be opened or written", Assert.Single(output.Split('\n'), l => l.Contains("Cannot start:", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output)> RunPortalAsync(string dataDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Portal.dll"), "--urls", "http://127.0.0.1:0",
                $"--Portal:DataDirectory={dataDirectory}", $"--Portal:ContentDirectory={RepositoryPaths.Content}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Logging__Console__FormatterName"] = "simple";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the portal kept running on a database it cannot use");
        }
        // The console logger writes the category line and the message on separate lines: join them per entry.
        var text = (await output + await error).Replace("\n      ", " ", StringComparison.Ordinal);
        return (process.ExitCode, text);
    }
}
