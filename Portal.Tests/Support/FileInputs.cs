using Microsoft.Playwright;

namespace Portal.Tests.Support;

/// <summary>
/// Blazor attaches its file input's change listener in the input's own first render after the circuit starts, which
/// can come after the page says it is interactive: a file set before that is never seen. On a cold CI machine the gap
/// was long enough to lose an upload. Blazor marks an input it has initialized (<c>_blazorInputFileNextFileId</c>).
/// </summary>
public static class FileInputs
{
    public static Task WaitUntilReadyAsync(IPage page) =>
        page.WaitForFunctionAsync(
            "() => { const inputs = [...document.querySelectorAll('.upload input[type=file]')]; " +
            "return inputs.length > 0 && inputs.every(i => i._blazorInputFileNextFileId !== undefined); }",
            null, new() { Timeout = 30_000 });
}
