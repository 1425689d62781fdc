namespace Portal.Tests.Support;

/// <summary>
/// The real app on Kestrel at a loopback port, for a real browser: .NET 10's WebApplicationFactory hosts
/// on Kestrel itself (<c>UseKestrel</c>), so the browser and the test share one host and its services.
/// </summary>
public class LivePortal : PortalFactory
{
    public LivePortal() => UseKestrel(0);

    public string BaseUrl
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress.ToString().TrimEnd('/');
        }
    }

    /// <summary>The running app's services.</summary>
    public IServiceProvider AppServices
    {
        get
        {
            StartServer();
            return Services;
        }
    }
}
