using Portal.Hosting;

// The same executable serves the site and runs the command-line tools (analyze, bench, admin).
if (await CommandLine.TryRunAsync(args) is int exitCode)
    return exitCode;

// Settings and static assets come from the build output, so the working directory is free to be the caller's
// (dotnet run keeps it: see RunWorkingDirectory in Portal.csproj) and relative CLI paths mean what they say.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddPortal();

var app = builder.Build();
if (await app.PreparePortalAsync() is int failure)
{
    // Disposing the app flushes the console logger's queue, so the line that says why is written before the process ends.
    await app.DisposeAsync();
    return failure;
}
app.UsePortal();
await app.RunAsync();
return 0;

/// <summary>Public so that the tests' WebApplicationFactory can reach it.</summary>
public partial class Program;
