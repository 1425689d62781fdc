namespace Portal.Localization;

/// <summary>Marker for the interface texts in UiText.resx and its translations (UiText.zh.resx, …).</summary>
public sealed class UiText;
