using System.Diagnostics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using Portal.Analysis.Report;
using Portal.Articles;
using Portal.Batch;
using Portal.Components.Pages.Analyze;
using Portal.Localization;
using Portal.Upload;

namespace Portal.Components.Pages.Batch;

/// <summary>
/// The mailbox page's interactive island: the upload (bytes over the circuit, with progress and Cancel), the analysis
/// message by message (count, progress, Cancel), the table with its filters and exports, and one message's full report.
/// The circuit keeps the upload and one summary row per message, never the reports: a report is made again, from the
/// upload, when it is opened. Nothing is written to disk.
/// </summary>
public sealed partial class MailboxWorkbench
{
    public const string Key = "mailbox";

    private const int ChunkSize = 64 * 1024;
    private static readonly TimeSpan RenderEvery = TimeSpan.FromMilliseconds(200);

    private enum Phase { Idle, Reading, Analyzing, Done, Cancelled, ReadFailed }

    [Parameter, EditorRequired] public string Lang { get; set; } = Languages.English;

    private Language language = Languages.Get(Languages.English);
    private Phase phase = Phase.Idle;
    private bool dragging;
    private string fileName = "";
    private long fileSize, bytesRead;
    private int total;
    private Mailbox? mailbox;
    private readonly List<MailboxRow> rows = [];
    private UploadRejection? rejection;
    private string? rejectedEntry;
    private bool onlyEncryptedForOthers, onlyRelays;
    private MailboxRow? opened;
    private LocalizedReport? openedReport;
    private AnalysisReport? openedEngineReport;
    private UploadRejection? openedRejection;
    private CancellationTokenSource? work;
    private readonly CancellationTokenSource closing = new();
    private ReportArticleNames articleNames = ReportArticleNames.None;
    private AnalyzerScript? script;

    private Localized T => Texts.For(language);
    private long MaxBytes => Options.Value.Upload.MaxBytes;
    private bool Busy => phase is Phase.Reading or Phase.Analyzing;

    private IEnumerable<MailboxRow> Shown => rows.Where(r =>
        (!onlyEncryptedForOthers || r.Summary?.EncryptedForSomeoneElse == true) && (!onlyRelays || r.Summary?.ThroughRelay == true));

    protected override async Task OnParametersSetAsync()
    {
        language = Languages.Get(Lang);
        if (openedEngineReport is { } report)
            openedReport = Localizer.Localize(report, language);
        articleNames = await ReportArticleNames.LoadAsync(Library, language.Code);
    }

    private void SwitchLanguage(string code)
    {
        if (code != language.Code && Languages.IsSupported(code))
            Navigation.NavigateTo($"/{code}/analyze/mailbox");
    }

    private async Task FileChosenAsync(InputFileChangeEventArgs e)
    {
        StartOver();
        var file = e.File;
        if (file.Size > MaxBytes)
        {
            rejection = UploadRejection.TooLarge;
            return;
        }
        (fileName, fileSize, bytesRead, phase) = (file.Name, file.Size, 0, Phase.Reading);
        work = CancellationTokenSource.CreateLinkedTokenSource(closing.Token);
        var data = new byte[file.Size];
        try
        {
            await using var stream = file.OpenReadStream(MaxBytes, work.Token);
            var sinceRender = Stopwatch.StartNew();
            while (bytesRead < fileSize)
            {
                var read = await stream.ReadAsync(data.AsMemory((int)bytesRead, (int)Math.Min(ChunkSize, fileSize - bytesRead)), work.Token);
                if (read == 0)
                    break;
                bytesRead += read;
                if (sinceRender.Elapsed > RenderEvery)
                {
                    StateHasChanged();
                    sinceRender.Restart();
                }
            }
        }
        catch (OperationCanceledException)
        {
            phase = Phase.Cancelled;
            return;
        }
        catch (IOException)
        {
            phase = Phase.ReadFailed;
            return;
        }
        await AnalyzeAsync(data.AsMemory(0, (int)bytesRead), work.Token);
    }

    private async Task AnalyzeAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        // A whole mailbox counts once against the client's limit, shared with the single-message page and the API.
        if (!PageAnalyzer.TryCount(out _))
        {
            (rejection, phase) = (UploadRejection.RateLimited, Phase.Idle);
            return;
        }
        var opening = Mailbox.Open(data, Options.Value.Upload.Mailbox);
        if (opening.Mailbox is null)
        {
            (rejection, rejectedEntry, phase) = (opening.Rejection, opening.Entry, Phase.Idle);
            return;
        }
        mailbox = opening.Mailbox;
        (total, phase) = (mailbox.Count, Phase.Analyzing);
        StateHasChanged();
        var sinceRender = Stopwatch.StartNew();
        try
        {
            await foreach (var item in Analyzer.AnalyzeAsync(mailbox, cancellationToken))
            {
                rows.Add(item.Row);
                if (sinceRender.Elapsed > RenderEvery)
                {
                    StateHasChanged();
                    sinceRender.Restart();
                }
            }
            phase = Phase.Done;
        }
        catch (OperationCanceledException)
        {
            phase = Phase.Cancelled;
        }
    }

    private void Cancel() => work?.Cancel();

    private void StartOver()
    {
        work?.Cancel();
        work?.Dispose();
        work = null;
        mailbox?.Dispose();
        mailbox = null;
        rows.Clear();
        (rejection, rejectedEntry, phase, dragging, total) = (null, null, Phase.Idle, false, 0);
        CloseReport();
    }

    /// <summary>The full report of one message, analyzed again from the upload in the shared slots (it was counted with the mailbox).</summary>
    private async Task OpenAsync(MailboxRow row)
    {
        if (mailbox is null)
            return;
        (opened, openedReport, openedEngineReport, openedRejection) = (row, null, null, null);
        StateHasChanged();
        var message = mailbox.Read(row.Index);
        var outcome = message.Rejection is { } unreadable
            ? UploadOutcome.Rejected(unreadable)
            : await SingleAnalyzer.AnalyzeAsync(message.Data, closing.Token);
        if (opened != row)
            return; // the reader went back to the table meanwhile
        openedRejection = outcome.Rejection;
        openedEngineReport = outcome.Report;
        openedReport = outcome.Report is { } report ? Localizer.Localize(report, language) : null;
    }

    private void CloseReport() => (opened, openedReport, openedEngineReport, openedRejection) = (null, null, null, null);

    private async Task ExportCsvAsync() => await DownloadAsync("mailbox.csv", MailboxCsv.MediaType, MailboxCsv.Write(Shown));

    private async Task ExportJsonAsync() => await DownloadAsync("mailbox.json", "application/json", JsonLines.WriteTable(Shown, language));

    private async Task DownloadAsync(string name, string mediaType, string text) => await Script.DownloadAsync(name, mediaType, text);

    private async Task CopyAsync(string text)
    {
        await Script.CopyAsync(text);
        Snackbar.Add(T["Analyze.Copied"], MudBlazor.Severity.Success);
    }

    private AnalyzerScript Script => script ??= new AnalyzerScript(JS);

    private string Encryption(string kind) => kind switch
    {
        EncryptionKinds.Smime => "S/MIME",
        EncryptionKinds.Pgp => "OpenPGP",
        EncryptionKinds.Portal => T["Mailbox.Portal"],
        _ => T["Mailbox.None"],
    };

    private string KeyHolders(MailboxRow row) =>
        row.Summary is { } summary ? string.Join("; ", summary.KeyHolders.Select(k => k == "hidden" ? T["Mailbox.Hidden"] : k)) : "";

    private string Signature(MailboxRow row)
    {
        if (row.Summary is not { } summary || summary.Signature == SignatureKinds.None)
            return row.Summary is null ? "" : T["Mailbox.None"];
        var kind = summary.Signature == SignatureKinds.Smime ? "S/MIME" : "OpenPGP";
        return summary.SignatureVerified switch
        {
            true => T["Mailbox.Signature.Valid", kind],
            false => T["Mailbox.Signature.Invalid", kind],
            null => T["Mailbox.Signature.Unchecked", kind],
        };
    }

    private string WeakestTls(MailboxRow row) => row.Summary?.WeakestTls switch
    {
        null => "",
        MessageSummary.Plaintext => T["Mailbox.Plaintext"],
        var version => version,
    };

    public async ValueTask DisposeAsync()
    {
        work?.Cancel();
        work?.Dispose();
        closing.Cancel();
        mailbox?.Dispose();
        if (script is not null)
            await script.DisposeAsync();
    }
}
