using System.Globalization;
using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Analysis.OpenPgp;

/// <summary>
/// Finds OpenPGP: RFC 3156 multipart/encrypted and multipart/signed, and armored blocks inside
/// text parts (inline encryption, cleartext signatures). Reports recipients and signers from the
/// packet headers; never decrypts. Damaged armor or packets become defects.
/// </summary>
public sealed class OpenPgpDetector : IAnalysisDetector
{
    /// <summary>Text parts larger than this are not searched for inline armor (it would be in the first part of a real message).</summary>
    private const int MaxInlineTextBytes = 4 * 1024 * 1024;

    /// <summary>The attachment Outlook's GpgOL plug-in carries the whole RFC 3156 structure in (older versions: .txt).</summary>
    private static readonly string[] GpgOlStructureNames = ["GpgOL_MIME_structure.mime", "GpgOL_MIME_structure.txt"];

    public void Analyze(AnalysisContext context) => Inspect(context, context.Message.AllEntities(), carrier: null);

    /// <param name="carrier">The GpgOL attachment the entities were read from: evidence points at it, since their own part paths are inside it.</param>
    private static void Inspect(AnalysisContext context, IEnumerable<MimeEntity> entities, MimeEntity? carrier)
    {
        var handled = new HashSet<MimeEntity>();
        foreach (var entity in entities)
        {
            context.Budget.ThrowIfExhausted();
            if (handled.Contains(entity))
                continue;
            var type = entity.ContentType;
            var protocol = type.Get("protocol")?.ToLowerInvariant();
            if (type.Is("multipart/encrypted") && protocol == "application/pgp-encrypted" && entity.Children.Count >= 2)
            {
                handled.UnionWith(entity.Children);
                InspectArmoredPart(context, entity.Children[1], EnvelopeKinds.PgpMime, carrier);
            }
            else if (type.Is("multipart/signed") && protocol == "application/pgp-signature" && entity.Children.Count >= 2)
            {
                handled.Add(entity.Children[1]);
                InspectArmoredPart(context, entity.Children[1], EnvelopeKinds.PgpMime, carrier);
            }
            else if (carrier is null && IsGpgOlStructure(entity))
            {
                InspectGpgOl(context, entity);
            }
            else if (!entity.IsMultipart && !entity.IsMessage && entity.RawBody.Length <= MaxInlineTextBytes)
            {
                if (IsTextual(entity))
                    InspectArmoredPart(context, entity, EnvelopeKinds.PgpInline, carrier);
                else if (IsEncryptedAttachment(entity))
                    InspectArmoredPart(context, entity, EnvelopeKinds.PgpMime, carrier);
            }
        }
    }

    private static bool IsGpgOlStructure(MimeEntity entity) =>
        !entity.IsMultipart && entity.FileName is { } name && GpgOlStructureNames.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Outlook cannot send RFC 3156 itself, so GpgOL builds the multipart/encrypted or multipart/signed structure and
    /// Outlook transmits it as an attachment: read the structure inside, and say which software sent it.
    /// </summary>
    private static void InspectGpgOl(AnalysisContext context, MimeEntity attachment)
    {
        var inner = MimeParser.Parse(attachment.DecodeBody());
        var type = inner.Root.ContentType;
        if (!type.Is("multipart/encrypted") && !type.Is("multipart/signed"))
            return;
        context.AddFinding(FindingCodes.PgpSentByGpgOl, Evidence.FromPart(attachment.PartPath, type.MimeType));
        Inspect(context, inner.AllEntities(), attachment);
    }

    // Exchange rewrites RFC 3156 messages into multipart/mixed ("mixed-up" encryption) and keeps the parts:
    // an application/pgp-encrypted sibling still marks the octet-stream beside it as the encrypted data.
    private static bool IsEncryptedAttachment(MimeEntity entity) =>
        entity.Parent is { } parent && parent.Children.Any(c => c.ContentType.Is("application/pgp-encrypted"))
        || entity.FileName is { } name && (name.EndsWith(".asc", StringComparison.OrdinalIgnoreCase)
                                           || name.EndsWith(".pgp", StringComparison.OrdinalIgnoreCase)
                                           || name.EndsWith(".gpg", StringComparison.OrdinalIgnoreCase));

    private static bool IsTextual(MimeEntity entity) =>
        entity.ContentType.MediaType == "text"
        || entity.ContentType.MimeType is "application/pgp-encrypted" or "application/pgp-signature";

    private static void InspectArmoredPart(AnalysisContext context, MimeEntity part, string envelope, MimeEntity? carrier)
    {
        var at = carrier ?? part;
        var text = context.Text(part);
        // Webmail that sends HTML only (Outlook on the web) carries armor pasted into its editor as one <div> or <br> per
        // line, or in a <pre>: the armor is read from the text a reader sees. Armor in a <blockquote> is someone's message
        // quoted in a reply, which protects nothing here (as "> " quoted armor in plain text).
        if (part.ContentType.Is("text/html") && text.Contains("-----BEGIN PGP ", StringComparison.Ordinal))
            text = HtmlText.ToText(text, keepSourceLineBreaks: true, withoutQuotes: true);
        var blocks = ArmorReader.ReadAll(text);
        if (blocks.Count == 0 && envelope == EnvelopeKinds.PgpMime)
        {
            // RFC 3156 allows the encrypted part to be binary rather than armored.
            context.Budget.SpendBytes(part.RawBody.Length);
            var bytes = part.DecodeBody();
            if (bytes.Length > 0 && (bytes[0] & 0x80) != 0)
                Describe(context, at, PgpMessageInspector.Inspect(bytes, context.Budget), envelope);
            return;
        }
        foreach (var block in blocks)
        {
            foreach (var problem in block.Problems)
                context.AddDefect(problem.Code, at.PartPath, at.Offset, problem.Detail);
            if (block.Problems.Count > 0)
                context.AddFinding(FindingCodes.PgpDataDamaged, Evidence.FromPart(at.PartPath, block.Problems[0].Detail),
                    new Dictionary<string, string> { ["count"] = block.Problems.Count.ToString(CultureInfo.InvariantCulture) });

            var data = block.IsCleartextSigned ? block.CleartextSignature?.Data : block.Data;
            if (data is null || data.Length == 0 || block.Label is ArmorLabels.PublicKey or ArmorLabels.PrivateKey)
                continue;
            Describe(context, at, PgpMessageInspector.Inspect(data, context.Budget), envelope);
        }
    }

    private static void Describe(AnalysisContext context, MimeEntity part, PgpMessageSummary summary, string envelope)
    {
        foreach (var problem in summary.Problems)
            context.AddDefect("pgp-packet-damaged", part.PartPath, part.Offset, problem);
        if (summary.Problems.Count > 0)
            context.AddFinding(FindingCodes.PgpDataDamaged, Evidence.FromPart(part.PartPath, summary.Problems[0]),
                new Dictionary<string, string> { ["count"] = summary.Problems.Count.ToString(CultureInfo.InvariantCulture) });

        if (summary.IsEncrypted)
            DescribeEncryption(context, part, summary, envelope);

        foreach (var signature in summary.Signatures.DistinctBy(s => s.IssuerKeyId ?? s.IssuerFingerprint))
        {
            var report = context.Report.Signature;
            if (report.Kind == SignatureKinds.None)
                report.Kind = SignatureKinds.Pgp;
            report.Signers.Add(new SignerEntry
            {
                KeyId = signature.IssuerKeyId,
                Fingerprint = signature.IssuerFingerprint,
                SignatureAlgorithm = signature.Algorithm,
                DigestAlgorithm = signature.Hash,
                Verified = null, // checking needs the signer's public key, which the message does not carry
                PartPath = part.PartPath,
            });
            context.AddFinding(FindingCodes.PgpSigned, Evidence.FromPart(part.PartPath, signature.IssuerFingerprint ?? signature.IssuerKeyId),
                new Dictionary<string, string> { ["keyId"] = signature.IssuerKeyId ?? "unknown" });
        }
    }

    private static void DescribeEncryption(AnalysisContext context, MimeEntity part, PgpMessageSummary summary, string envelope)
    {
        var encryption = context.Report.Encryption;
        if (encryption.Kind is EncryptionKinds.None or EncryptionKinds.Portal)
        {
            encryption.Kind = EncryptionKinds.Pgp;
            encryption.Envelope = envelope;
            encryption.PartPath = part.PartPath;
            encryption.ContentAlgorithm = summary.Cipher is null ? summary.EncryptedData : $"{summary.EncryptedData} {summary.Cipher}";
            encryption.PasswordProtected = summary.PasswordSessionKeys.Count > 0;
            encryption.Recipients.Clear();
            foreach (var recipient in summary.Recipients)
                encryption.Recipients.Add(new RecipientEntry
                {
                    Kind = "pkesk",
                    KeyId = recipient.KeyId,
                    Fingerprint = recipient.Fingerprint,
                    Algorithm = recipient.Algorithm,
                    Hidden = recipient.Hidden,
                });
        }

        var evidence = Evidence.FromPart(part.PartPath, summary.EncryptedData);
        context.AddFinding(FindingCodes.PgpEncrypted, evidence, new Dictionary<string, string>
        {
            ["count"] = summary.Recipients.Count.ToString(CultureInfo.InvariantCulture),
            ["envelope"] = envelope,
        });
        var hidden = summary.Recipients.Count(r => r.Hidden);
        if (hidden > 0)
            context.AddFinding(FindingCodes.PgpHiddenRecipient, evidence,
                new Dictionary<string, string> { ["count"] = hidden.ToString(CultureInfo.InvariantCulture) });
        if (summary.PasswordSessionKeys.Count > 0)
            context.AddFinding(FindingCodes.PgpPasswordProtected, Evidence.FromPart(part.PartPath, string.Join(", ", summary.PasswordSessionKeys)));
        if (summary.EncryptedData == "SED")
            context.AddFinding(FindingCodes.PgpNoIntegrityProtection, evidence);
    }
}
