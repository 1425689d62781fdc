using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;

namespace Portal.Components;

/// <summary>
/// Blazor's antiforgery state, except on the cached reading pages. Blazor writes an antiforgery token (and its
/// cookie) into every statically rendered page of an app with interactive components, in case the page turns
/// interactive later. A cached page would hand one reader's token to everyone, so reading pages, which have no
/// form that needs one, get none; every other page behaves like Blazor's own provider.
/// </summary>
public sealed class ReadingPageAntiforgery : AntiforgeryStateProvider, IDisposable
{
    private const string PersistenceKey = $"__internal__{nameof(AntiforgeryRequestToken)}";

    private readonly IAntiforgery antiforgery;
    private readonly IHttpContextAccessor accessor;
    private readonly PersistentComponentState state;
    private readonly PersistingComponentStateSubscription subscription;
    private readonly AntiforgeryRequestToken? persistedToken;

    public ReadingPageAntiforgery(IAntiforgery antiforgery, IHttpContextAccessor accessor, PersistentComponentState state)
    {
        (this.antiforgery, this.accessor, this.state) = (antiforgery, accessor, state);
        // The token reaches interactive components through the persisted state of the page that started them.
        state.TryTakeFromJson(PersistenceKey, out persistedToken);
        subscription = state.RegisterOnPersisting(Persist, RenderMode.InteractiveServer);
    }

    private Task Persist()
    {
        if (accessor.HttpContext is { } context && !ReadingPages.IsCacheable(context.Request))
            state.PersistAsJson(PersistenceKey, GetAntiforgeryToken());
        return Task.CompletedTask;
    }

    public override AntiforgeryRequestToken? GetAntiforgeryToken()
    {
        if (accessor.HttpContext is not { } context || context.WebSockets.IsWebSocketRequest)
            return persistedToken; // inside a circuit
        if (ReadingPages.IsCacheable(context.Request))
            return null;
        var tokens = context.Response.HasStarted ? antiforgery.GetTokens(context) : antiforgery.GetAndStoreTokens(context);
        return tokens.RequestToken is null ? null : new AntiforgeryRequestToken(tokens.RequestToken, tokens.FormFieldName);
    }

    public void Dispose() => subscription.Dispose();
}
