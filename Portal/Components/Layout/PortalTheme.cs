using MudBlazor;

namespace Portal.Components.Layout;

/// <summary>
/// The portal's one MudBlazor theme. Fonts are the reader's system fonts: MudBlazor's default (Roboto from a
/// font CDN) is blocked by our Content-Security-Policy, and the system stack covers Chinese and Japanese text.
/// </summary>
public static class PortalTheme
{
    public static readonly string[] FontStack =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "Noto Sans", "Noto Sans CJK SC", "Noto Sans CJK JP"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5cad",
            Secondary = "#8a3ffc",
            AppbarBackground = "#0b5cad",
            AppbarText = "#ffffff",
            Background = "#ffffff",
            Surface = "#ffffff",
            DrawerBackground = "#f4f6f9",
            DrawerText = "#1b1f24",
            TextPrimary = "#1b1f24",
            TextSecondary = "#4a5561",
            // Links and outlined alerts must keep 4.5:1 on white.
            Info = "#0b5cad",
            Success = "#116329",
            Warning = "#8a4b00",
            Error = "#a4161a",
        },
        PaletteDark = new PaletteDark
        {
            // Light colours on a dark page: text on them must be dark to keep 4.5:1.
            Primary = "#8cc4ff",
            PrimaryContrastText = "#0d1117",
            Secondary = "#d0b3ff",
            SecondaryContrastText = "#0d1117",
            AppbarBackground = "#161b22",
            AppbarText = "#e6edf3",
            Background = "#0d1117",
            Surface = "#161b22",
            DrawerBackground = "#11161d",
            DrawerText = "#e6edf3",
            TextPrimary = "#e6edf3",
            TextSecondary = "#b3bcc6",
            Info = "#8cc4ff",
            InfoContrastText = "#0d1117",
            Success = "#7ee2a8",
            SuccessContrastText = "#0d1117",
            Warning = "#f5c26b",
            WarningContrastText = "#0d1117",
            Error = "#ff9a9a",
            ErrorContrastText = "#0d1117",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack, LineHeight = "1.6" },
            H1 = new H1Typography { FontFamily = FontStack, FontSize = "2rem", FontWeight = "600", LineHeight = "1.25", LetterSpacing = "0" },
            H2 = new H2Typography { FontFamily = FontStack, FontSize = "1.5rem", FontWeight = "600", LineHeight = "1.3", LetterSpacing = "0" },
            H3 = new H3Typography { FontFamily = FontStack, FontSize = "1.25rem", FontWeight = "600", LineHeight = "1.35", LetterSpacing = "0" },
            H4 = new H4Typography { FontFamily = FontStack, FontSize = "1.1rem", FontWeight = "600", LineHeight = "1.4", LetterSpacing = "0" },
            H5 = new H5Typography { FontFamily = FontStack, FontSize = "1rem", FontWeight = "600", LineHeight = "1.4", LetterSpacing = "0" },
            H6 = new H6Typography { FontFamily = FontStack, FontSize = "1rem", FontWeight = "600", LineHeight = "1.4", LetterSpacing = "0" },
            Body1 = new Body1Typography { FontFamily = FontStack, FontSize = "1rem", LineHeight = "1.6" },
            Body2 = new Body2Typography { FontFamily = FontStack, FontSize = ".9rem", LineHeight = "1.5" },
            Button = new ButtonTypography { FontFamily = FontStack, TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "17rem", AppbarHeight = "64px" },
    };
}
