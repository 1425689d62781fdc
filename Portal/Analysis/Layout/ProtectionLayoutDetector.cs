using System.Text.RegularExpressions;
using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Analysis.Layout;

/// <summary>Values of <see cref="EncryptionSection.Location"/> and <see cref="SignerEntry.Location"/>.</summary>
public static class ProtectionLocations
{
    /// <summary>The protection covers the message itself.</summary>
    public const string Message = "message";
    /// <summary>One part of the message is protected, beside readable parts.</summary>
    public const string Part = "part";
    /// <summary>The protected content is another message attached to this one (forwarded as an attachment).</summary>
    public const string Attachment = "attachment";
}

/// <summary>
/// Where the protection the S/MIME and OpenPGP detectors found sits (the message itself, one part of it, a message
/// attached to it), signatures that are only quoted text, and protection a message declares but cannot carry: a
/// multipart/encrypted without its data part, a multipart/signed without a protocol or with an unknown one. Runs after
/// the S/MIME and OpenPGP detectors and reads their sections of the report.
/// </summary>
public sealed partial class ProtectionLayoutDetector : IAnalysisDetector
{
    private static readonly HashSet<string> SignatureProtocols = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature",
    };

    public void Analyze(AnalysisContext context)
    {
        var entities = context.Message.AllEntities().ToList();
        FindDamagedDeclarations(context, entities);
        Place(context, entities);
        FindQuotedSignatures(context, entities);
    }

    private static void FindDamagedDeclarations(AnalysisContext context, List<MimeEntity> entities)
    {
        foreach (var entity in entities)
        {
            var type = entity.ContentType;
            var protocol = type.Get("protocol");
            EvidenceNote? problem = null;
            if (type.Is("multipart/encrypted"))
                problem = entity.Children.Count < 2 || entity.Children[1].RawBody.Length == 0 ? EvidenceNotes.DamagedNoDataPart
                    // The data part is there but neither reader found a recipient, a password or encrypted data in it
                    // (armor cut short, packets or CMS garbled): the sender encrypted it, so it is damaged, not "not encrypted".
                    : context.Report.Encryption.Kind == EncryptionKinds.None ? EvidenceNotes.DamagedDataUnreadable
                    : null;
            else if (type.Is("multipart/signed"))
                problem = string.IsNullOrWhiteSpace(protocol) ? EvidenceNotes.DamagedNoProtocol
                    : !SignatureProtocols.Contains(protocol) ? EvidenceNotes.DamagedUnknownSignatureType
                    : entity.Children.Count < 2 ? EvidenceNotes.DamagedNoSignaturePart
                    : null;
            if (problem is null)
                continue;
            var claimed = protocol is null ? type.MimeType : $"{type.MimeType}; protocol={protocol}";
            context.AddFinding(FindingCodes.ProtectionDamaged,
                new Evidence(Header: "Content-Type", Value: claimed, PartPath: entity.PartPath, Note: problem.Key).Explained(problem),
                new Dictionary<string, string> { ["claimed"] = type.MimeType });
        }
    }

    private static void Place(AnalysisContext context, List<MimeEntity> entities)
    {
        var report = context.Report;
        var gpgOl = report.Findings.Any(f => f.Code == FindingCodes.PgpSentByGpgOl.Code);
        if (report.Encryption.Kind is EncryptionKinds.Smime or EncryptionKinds.Pgp && report.Encryption.PartPath is { } encryptedPath
            && entities.FirstOrDefault(e => e.PartPath == encryptedPath) is { } encrypted)
        {
            var location = gpgOl ? ProtectionLocations.Message : Locate(encrypted);
            report.Encryption.Location = location;
            if (location == ProtectionLocations.Attachment)
                context.AddFinding(FindingCodes.ProtectionInAttachment, Evidence.FromPart(encryptedPath, encrypted.ContentType.MimeType));
            else if (location == ProtectionLocations.Part)
                context.AddFinding(FindingCodes.ProtectionInPart, Evidence.FromPart(encryptedPath, encrypted.ContentType.MimeType));
        }
        foreach (var signer in report.Signature.Signers)
            if (signer.PartPath is { } path && entities.FirstOrDefault(e => e.PartPath == path) is { } signed)
                signer.Location = gpgOl ? ProtectionLocations.Message : Locate(signed);
    }

    /// <summary>
    /// Inside an attached message: an attachment. The root, or a part of a root that is itself the protection
    /// (multipart/signed, multipart/encrypted): the message. Anything else: one part beside others.
    /// </summary>
    private static string Locate(MimeEntity entity)
    {
        for (var ancestor = entity.Parent; ancestor is not null; ancestor = ancestor.Parent)
            if (ancestor.IsMessage && ancestor.Parent is not null)
                return ProtectionLocations.Attachment;
        if (entity.Parent is null)
            return ProtectionLocations.Message;
        var parent = entity.Parent;
        return parent.Parent is null && (parent.ContentType.Is("multipart/signed") || parent.ContentType.Is("multipart/encrypted"))
            ? ProtectionLocations.Message
            : ProtectionLocations.Part;
    }

    /// <summary>"&gt; -----BEGIN PGP SIGNED MESSAGE-----": someone's signed mail quoted in a reply or a digest, which protects nothing here.</summary>
    private static void FindQuotedSignatures(AnalysisContext context, List<MimeEntity> entities)
    {
        foreach (var entity in entities)
        {
            if (entity.IsMultipart || entity.ContentType.MediaType != "text" || entity.RawBody.Length > 4 * 1024 * 1024)
                continue;
            if (QuotedArmor().Match(context.Text(entity)) is { Success: true } quoted)
                context.AddFinding(FindingCodes.ProtectionQuoted,
                    new Evidence(Value: quoted.Value.Trim(), PartPath: entity.PartPath, Note: "quoted-armor").Explained(EvidenceNotes.QuotedArmor));
        }
    }

    [GeneratedRegex(@"^[ \t]*>[> \t]*-----BEGIN PGP (?:SIGNED )?MESSAGE-----", RegexOptions.Multiline)]
    private static partial Regex QuotedArmor();
}
