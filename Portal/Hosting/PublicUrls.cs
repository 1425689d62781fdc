using Microsoft.Extensions.Options;

namespace Portal.Hosting;

/// <summary>
/// The origin for absolute links (sitemap.xml, hreflang alternates, exported reports): the configured
/// <see cref="PortalOptions.PublicBaseUrl"/>, so a forged Host header never reaches them. Without the setting
/// (development) the request's own origin is used.
/// </summary>
public sealed class PublicUrls(IOptions<PortalOptions> options)
{
    public string Origin(string requestOrigin) =>
        (string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl) ? requestOrigin : options.Value.PublicBaseUrl).TrimEnd('/');

    public string Absolute(string requestOrigin, string path) => Origin(requestOrigin) + "/" + path.TrimStart('/');
}
