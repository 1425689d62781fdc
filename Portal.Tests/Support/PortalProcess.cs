using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Tests.Support;

/// <summary>
/// The built portal (Portal.dll from Portal/bin, as deployed) running as a process of its own on a loopback port, so
/// that a test can run several instances and kill one. Its output is kept for the failure message.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder output = new();

    private PortalProcess(Process process, int port) => (this.process, Port) = (process, port);

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public bool HasExited => process.HasExited;
    public string Output { get { lock (output) return output.ToString(); } }

    public static async Task<PortalProcess> StartAsync(IReadOnlyDictionary<string, string> settings, int? port = null)
    {
        port ??= FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(PortalDll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
            start.Environment[key] = value;
        var instance = new PortalProcess(new Process { StartInfo = start }, port.Value);
        instance.process.OutputDataReceived += (_, e) => instance.Append(e.Data);
        instance.process.ErrorDataReceived += (_, e) => instance.Append(e.Data);
        instance.process.Start();
        instance.process.BeginOutputReadLine();
        instance.process.BeginErrorReadLine();
        await instance.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        return instance;
    }

    /// <summary>Polls /readyz, as the load balancer's operator would.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The portal on port {Port} exited ({process.ExitCode}):\n{Output}");
            try
            {
                if ((await client.GetAsync($"{BaseUrl}{Portal.Hosting.PortalHealth.ReadyPath}")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The portal on port {Port} was not ready within {limit}:\n{Output}");
    }

    /// <summary>Ends the process at once, as a crash or an OOM kill would.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public Task WaitForExitAsync() => process.WaitForExitAsync();

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    /// <summary>The portal's own build output beside the tests' (same configuration and framework).</summary>
    private static string PortalDll
    {
        get
        {
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testOutput.Name;
            var configuration = testOutput.Parent!.Name;
            var dll = Path.Combine(RepositoryPaths.Root, "Portal", "bin", configuration, framework, "Portal.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build the solution first.");
        }
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
