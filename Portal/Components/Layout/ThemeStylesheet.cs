using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Portal.Components.Layout;

/// <summary>
/// <see cref="PortalTheme"/> as one cacheable stylesheet instead of MudThemeProvider's 13 KB inline style on every
/// page. MudBlazor writes the CSS variables itself (rendered once here with <see cref="HtmlRenderer"/>); the dark
/// palette applies when the reader chose it (<c>html[data-theme=dark]</c>) or, before any choice, when the system
/// prefers dark.
/// </summary>
public sealed partial class ThemeStylesheet(IServiceProvider services, ILoggerFactory loggers)
{
    private Task<(string Css, string Version)>? built;

    public async Task<string> CssAsync() => (await (built ??= BuildAsync())).Css;

    /// <summary>The stylesheet's URL, versioned by its content so browsers may keep it for a year.</summary>
    public async Task<string> UrlAsync() => $"{Path}?v={(await (built ??= BuildAsync())).Version}";

    public const string Path = "/theme.css";

    private async Task<(string, string)> BuildAsync()
    {
        var light = await RenderAsync(dark: false);
        var dark = await RenderAsync(dark: true);
        var darkPalette = string.Join("", PaletteVariable().Matches(dark).Select(m => m.Value));
        var css = new StringBuilder()
            .Append(light)
            .Append("@media (prefers-color-scheme: dark){:root:not([data-theme=light]){color-scheme:dark;").Append(darkPalette).Append("}}")
            .Append(":root[data-theme=dark]{color-scheme:dark;").Append(darkPalette).Append('}')
            .ToString();
        var version = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(css)))[..12].ToLowerInvariant();
        return (css, version);
    }

    private async Task<string> RenderAsync(bool dark)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = PortalTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
            }));
            return output.ToHtmlString();
        });
        return string.Concat(StyleContent().Matches(html).Select(m => m.Groups[1].Value));
    }

    [GeneratedRegex("<style[^>]*>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleContent();

    [GeneratedRegex(@"--mud-palette-[a-z0-9-]+:\s*[^;]+;")]
    private static partial Regex PaletteVariable();
}
