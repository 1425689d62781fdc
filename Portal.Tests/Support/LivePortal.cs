using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portal.Tests.Support;

/// <summary>
/// The real app on Kestrel at a loopback port, for a real browser. net9's WebApplicationFactory has no
/// UseKestrel(): the host built by Program is switched to Kestrel, started, and a separate empty
/// TestServer host satisfies the base class (building the app twice ran Program twice and was flaky).
/// </summary>
public class LivePortal : PortalFactory
{
    private IHost? realHost;

    public string BaseUrl
    {
        get
        {
            _ = Server; // makes the base class build (and so start) the host
            return realHost!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
                .Addresses.First().TrimEnd('/');
        }
    }

    /// <summary>The real app's services (<see cref="WebApplicationFactory{T}.Services"/> belongs to the placeholder host).</summary>
    public IServiceProvider AppServices
    {
        get
        {
            _ = Server;
            return realHost!.Services;
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureWebHost(web => web.UseKestrel(o => o.Listen(IPAddress.Loopback, 0)));
        realHost = builder.Build();
        realHost.Start();

        var placeholder = new HostBuilder()
            .ConfigureWebHost(web => web.UseTestServer().Configure(_ => { }))
            .Build();
        placeholder.Start();
        return placeholder;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            realHost?.StopAsync().GetAwaiter().GetResult();
            realHost?.Dispose();
        }
        base.Dispose(disposing);
    }
}
