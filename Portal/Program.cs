using Portal.Hosting;

// The same executable serves the site and runs the command-line tools (analyze, bench, admin).
if (await CommandLine.TryRunAsync(args) is int exitCode)
    return exitCode;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();

var app = builder.Build();
await app.PreparePortalAsync();
app.UsePortal();
await app.RunAsync();
return 0;

/// <summary>Public so that the tests' WebApplicationFactory can reach it.</summary>
public partial class Program;
