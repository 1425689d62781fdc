using System.Text;
using Microsoft.Playwright;
using Portal.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Upload;

/// <summary>The drop zone's progress bar follows the bytes that reach the server, and Cancel stops the transfer.</summary>
public sealed class AnalyzeUploadProgressTests : IClassFixture<AnalyzeUploadProgressTests.Site>, IClassFixture<Support.Browser>
{
    public sealed class Site : LivePortal
    {
        public const long MaxBytes = 8L * 1024 * 1024;

        public Site() => Settings["Portal:Upload:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private const int FileBytes = 4 * 1024 * 1024;

    private readonly Site site;
    private readonly Support.Browser browser;

    public AnalyzeUploadProgressTests(Site site, Support.Browser browser) => (this.site, this.browser) = (site, browser);

    [Fact]
    public async Task Uploading_shows_real_progress_and_cancel_stops_it_without_a_report()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{site.BaseUrl}/en/analyze");
        await Expect(page.Locator("section.analyzer")).ToHaveAttributeAsync("data-interactive", "true");
        await FileInputs.WaitUntilReadyAsync(page);
        // Chromium's network emulation slows the circuit's WebSocket to 256 KB/s upstream, so the transfer lasts long enough to watch.
        var devTools = await page.Context.NewCDPSessionAsync(page);
        await devTools.SendAsync("Network.enable");
        await devTools.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = 256 * 1024,
        });
        var big = new byte[FileBytes];
        Encoding.ASCII.GetBytes("Subject: big\r\n\r\n").CopyTo(big, 0);
        big.AsSpan(16).Fill((byte)'x');

        await page.Locator(".upload input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "big.eml", MimeType = "message/rfc822", Buffer = big });

        var progress = page.GetByTestId("upload-progress");
        await Expect(progress).ToContainTextAsync("Reading big.eml");
        // Some bytes have arrived, not all of them: the bar shows a transfer in progress.
        await Expect(progress.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuenow", new System.Text.RegularExpressions.Regex(@"^([1-9]|[1-9][0-9])(\.|$)"));
        await page.GetByTestId("cancel-upload").ClickAsync();

        await Expect(page.Locator(".upload-cancelled")).ToContainTextAsync("The upload was canceled");
        await Expect(progress).ToHaveCountAsync(0);
        await Expect(page.Locator(".report")).ToHaveCountAsync(0);
    }
}
