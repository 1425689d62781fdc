using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Portal.Tests.Support;

/// <summary>
/// Debian's nginx with the checked-in Portal/Deploy/nginx/portal.conf, started by the test on a loopback port in a
/// temporary prefix (never the system service). Only the addresses change: the instances' ports for 127.0.0.1:5001,
/// :5002, and a loopback port for "listen 80". The access log names the instance that answered each request.
/// </summary>
public sealed partial class NginxServer : IAsyncDisposable
{
    public static string CheckedInConfiguration => Path.Combine(RepositoryPaths.Root, "Portal", "Deploy", "nginx", "portal.conf");

    private readonly string prefix = Directory.CreateTempSubdirectory("portal-nginx-").FullName;
    private Process? process;

    public int Port { get; } = PortalProcess.FreePort();
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public string AccessLog => Path.Combine(prefix, "access.log");

    public static async Task<NginxServer> StartAsync(IReadOnlyList<int> instancePorts)
    {
        if (!File.Exists("/usr/sbin/nginx"))
            throw new InvalidOperationException("nginx is missing: apt-get install -y nginx (.ci/run does this).");
        var server = new NginxServer();
        await server.RunAsync(instancePorts);
        return server;
    }

    private async Task RunAsync(IReadOnlyList<int> instancePorts)
    {
        var site = await File.ReadAllTextAsync(CheckedInConfiguration);
        site = site.Replace("listen 80;", $"listen 127.0.0.1:{Port};");
        for (var i = 0; i < instancePorts.Count; i++)
            site = site.Replace($"127.0.0.1:{5001 + i}", $"127.0.0.1:{instancePorts[i]}");
        Assert.DoesNotMatch(DeployPortPattern(), site);
        await File.WriteAllTextAsync(Path.Combine(prefix, "portal.conf"), site);
        // Worker processes run as nobody when nginx is started by root: they write their temporary files here.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(prefix, (UnixFileMode)0b111_111_111);
        await File.WriteAllTextAsync(Path.Combine(prefix, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 512; }
            http {
                log_format upstream '$upstream_addr $status $request_method $uri';
                access_log {{AccessLog}} upstream;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                include {{prefix}}/portal.conf;
            }
            """);
        var start = new ProcessStartInfo("/usr/sbin/nginx") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-p", prefix, "-e", Path.Combine(prefix, "error.log"), "-c", Path.Combine(prefix, "nginx.conf") })
            start.ArgumentList.Add(argument);
        process = Process.Start(start)!;
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"nginx exited: {await File.ReadAllTextAsync(Path.Combine(prefix, "error.log"))}");
            try
            {
                await client.GetAsync($"{BaseUrl}{Portal.Hosting.PortalHealth.LivePath}");
                return;
            }
            catch (HttpRequestException) { await Task.Delay(100); }
        }
        throw new TimeoutException("nginx did not answer");
    }

    /// <summary>
    /// The instances that answered requests for <paramref name="path"/> (and below it) so far, after the first
    /// <paramref name="skipLines"/> requests. A WebSocket is logged when it closes. An upstream nginx tried first and
    /// then left for another is logged with both ("a:1, b:2").
    /// </summary>
    public IReadOnlySet<string> InstancesThatAnswered(string path, int skipLines = 0) =>
        File.ReadLines(AccessLog).Skip(skipLines).Select(line => line.Split(' '))
            .Where(f => f.Length >= 4 && (f[3] == path || f[3].StartsWith(path + "/", StringComparison.Ordinal)))
            .Select(f => f[0]).ToHashSet();

    /// <summary>Requests logged so far: a mark from which <see cref="InstancesThatAnswered"/> can count.</summary>
    public int LoggedRequests => File.ReadLines(AccessLog).Count();

    public string ErrorLog() => File.ReadAllText(Path.Combine(prefix, "error.log"));

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        try { Directory.Delete(prefix, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"127\.0\.0\.1:50\d\d\b")]
    private static partial Regex DeployPortPattern();
}
