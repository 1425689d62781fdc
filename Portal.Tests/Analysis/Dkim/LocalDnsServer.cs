using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace Portal.Tests.Analysis.Dkim;

/// <summary>
/// Debian's dnsmasq on a loopback port, serving the DKIM/ARC test keys (TestData/dkim/zone.conf) and nothing else,
/// plus a loopback UDP port that receives queries and never answers, for timeouts. One per test class.
/// </summary>
public sealed class LocalDnsServer : IDisposable
{
    public const string Dnsmasq = "/usr/sbin/dnsmasq";
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "TestData", "dkim");

    private readonly Process _process;
    private readonly UdpClient _silent;

    public string Address { get; }
    /// <summary>Answers nothing: queries to it time out.</summary>
    public string SilentAddress { get; }

    public LocalDnsServer()
    {
        if (!File.Exists(Dnsmasq))
            throw new InvalidOperationException($"{Dnsmasq} is missing: apt-get install dnsmasq-base (.ci/run installs it).");
        _silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        SilentAddress = $"127.0.0.1:{((IPEndPoint)_silent.Client.LocalEndPoint!).Port}";

        // A port another process may take between our probe and dnsmasq's bind; a few tries make that harmless.
        for (var attempt = 0; ; attempt++)
        {
            var port = FreeUdpPort();
            var process = Process.Start(new ProcessStartInfo(Dnsmasq)
            {
                ArgumentList =
                {
                    "--keep-in-foreground", "--no-resolv", "--no-hosts", "--no-poll", "--bind-interfaces",
                    "--listen-address=127.0.0.1", $"--port={port}", "--pid-file", "--user=" + Environment.UserName,
                    $"--conf-file={Path.Combine(Directory, "zone.conf")}",
                },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            if (WaitUntilAnswering($"127.0.0.1:{port}", process))
            {
                _process = process;
                Address = $"127.0.0.1:{port}";
                return;
            }
            var error = process.HasExited ? process.StandardError.ReadToEnd() : "no answer";
            Stop(process);
            if (attempt == 4)
                throw new InvalidOperationException("dnsmasq did not start: " + error);
        }
    }

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    private static bool WaitUntilAnswering(string address, Process process)
    {
        var client = new LookupClient(new LookupClientOptions(IPEndPoint.Parse(address)) { Timeout = TimeSpan.FromMilliseconds(200), Retries = 0, UseCache = false });
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited)
        {
            try
            {
                if (client.Query("rsa2026._domainkey.example.test", QueryType.TXT).Answers.Count > 0)
                    return true;
            }
            catch (DnsResponseException)
            {
            }
            Thread.Sleep(50);
        }
        return false;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }

    public void Dispose()
    {
        Stop(_process);
        _silent.Dispose();
    }
}
