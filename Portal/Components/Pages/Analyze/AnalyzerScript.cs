using Microsoft.JSInterop;

namespace Portal.Components.Pages.Analyze;

/// <summary>
/// The analyzer pages' browser helpers (<c>wwwroot/js/analyzer.js</c>: download, copy, print), imported on first use and
/// released with the page. One wrapper for the single-message and the mailbox workbench.
/// </summary>
public sealed class AnalyzerScript(IJSRuntime js) : IAsyncDisposable
{
    private IJSObjectReference? module;

    /// <summary>Offers <paramref name="text"/> as a file download; nothing leaves the browser.</summary>
    public async Task DownloadAsync(string name, string mediaType, string text) =>
        await (await ModuleAsync()).InvokeVoidAsync("download", name, mediaType + ";charset=utf-8", text);

    public async Task CopyAsync(string text) => await (await ModuleAsync()).InvokeVoidAsync("copy", text);

    public async Task PrintAsync() => await (await ModuleAsync()).InvokeVoidAsync("print");

    private async Task<IJSObjectReference> ModuleAsync() =>
        module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/analyzer.js");

    public async ValueTask DisposeAsync()
    {
        if (module is null)
            return;
        try { await module.DisposeAsync(); }
        catch (JSDisconnectedException) { } // the circuit is already gone; nothing left to release in the browser
    }
}
