using Portal.Analysis;
using Portal.Mime;

namespace Portal.Upload;

/// <summary>
/// Groups parser defect codes into families that each have one localized sentence (UiText
/// <c>Defect.{family}</c>); the exact code and the parser's detail are shown beside it.
/// </summary>
public static class DefectFamilies
{
    public const string Input = "input", Header = "header", Structure = "structure", Encoding = "encoding", Limits = "limits", Other = "other";

    public static IReadOnlyList<string> All { get; } = [Input, Header, Structure, Encoding, Limits, Other];

    private static readonly Dictionary<string, string> ByCode = new(StringComparer.Ordinal)
    {
        [MimeDefectCodes.EmptyInput] = Input,
        [MimeDefectCodes.NoHeaders] = Input,
        [MimeDefectCodes.BinaryContent] = Input,
        [MimeDefectCodes.OutlookMsg] = Input,
        [MimeDefectCodes.MessageTooLarge] = Limits,
        [MimeDefectCodes.MboxAdditionalMessages] = Input,
        [MimeDefectCodes.BareCrLineEndings] = Input,
        [MimeDefectCodes.InvalidHeaderLine] = Header,
        [MimeDefectCodes.MissingHeaderBodySeparator] = Header,
        [MimeDefectCodes.Header8Bit] = Header,
        [MimeDefectCodes.InvalidEncodedWord] = Header,
        [MimeDefectCodes.InvalidContentType] = Header,
        [MimeDefectCodes.InvalidContentDisposition] = Header,
        [MimeDefectCodes.UnknownCharset] = Encoding,
        [MimeDefectCodes.MissingBoundaryParameter] = Structure,
        [MimeDefectCodes.MissingClosingBoundary] = Structure,
        [MimeDefectCodes.NoBoundaryFound] = Structure,
        [MimeDefectCodes.DuplicateBoundary] = Structure,
        [MimeDefectCodes.EncodedMessagePart] = Structure,
        [MimeDefectCodes.InvalidBase64] = Encoding,
        [MimeDefectCodes.TruncatedBase64] = Encoding,
        [MimeDefectCodes.InvalidQuotedPrintable] = Encoding,
        [MimeDefectCodes.UnknownTransferEncoding] = Encoding,
        [MimeDefectCodes.LineTooLong] = Limits,
        [MimeDefectCodes.TooDeep] = Limits,
        [MimeDefectCodes.TooManyParts] = Limits,
        [MimeDefectCodes.TooManyHeaders] = Limits,
        [AnalysisDefects.Stopped] = Limits,
        [AnalysisDefects.ReportTrimmed] = Limits,
    };

    public static string Of(string code) => ByCode.TryGetValue(code, out var family) ? family : Other;

    public static string TextKey(string code) => $"Defect.{Of(code)}";
}
