using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Portal.Articles;
using Portal.Hosting;
using Portal.Localization;

namespace Portal.Components;

/// <summary>A page whose first URL segment is the language (<c>/{Lang}/…</c>).</summary>
public abstract class LocalizedPage : ComponentBase
{
    [Parameter] public string Lang { get; set; } = Languages.English;

    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    [Inject] protected TextProvider Texts { get; set; } = null!;

    [Inject] protected IOptions<PortalOptions> Options { get; set; } = null!;

    /// <summary>False for /xx/… where xx is not one of our languages: such a page answers 404.</summary>
    protected bool LanguageSupported => Languages.IsSupported(Lang);

    protected Language Language => Languages.Get(Lang);

    protected Localized T => Texts.For(Language);

    protected string Brand => Options.Value.BrandName;

    protected string PageTitle(string title) => $"{title} – {Brand}";

    /// <summary>Answers 404 while the page still renders a helpful, localized body.</summary>
    protected void SetNotFound()
    {
        if (HttpContext is { Response.HasStarted: false } context)
            context.Response.StatusCode = StatusCodes.Status404NotFound;
    }
}
