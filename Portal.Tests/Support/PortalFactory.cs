using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Portal.Tests.Support;

/// <summary>
/// The real app over the in-memory test server, with its own SQLite file in a temporary data
/// directory (xunit runs test classes in parallel) and the repository's content/ unless told otherwise.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("portal-test-").FullName;

    public string ContentDirectory { get; init; } = RepositoryPaths.Content;

    /// <summary>Extra configuration, e.g. ["Portal:Upload:MaxBytes"] = "1000".</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Portal:DataDirectory", DataDirectory);
        builder.UseSetting("Portal:ContentDirectory", ContentDirectory);
        // No test but the DKIM tests (which start their own DNS server) may send a message's domains to a resolver.
        builder.UseSetting("Portal:Analysis:Dkim:Mode", "Off");
        // The tests stand in for a proxy (TestServer has no client address; Kestrel's is loopback), so that each test
        // client can bring its own address in X-Forwarded-For and sign-in throttling sees separate clients.
        builder.UseSetting("Portal:Proxy:KnownProxies:0", "127.0.0.1");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
        }
    }
}
