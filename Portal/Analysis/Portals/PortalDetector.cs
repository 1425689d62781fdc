using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Analysis.Portals;

/// <summary>
/// Recognizes messages whose content sits behind an encryption portal or rights management, by the
/// vendor catalog's markers: header names and values, attachment names, content types and body text.
/// One high- or medium-confidence marker is enough to say so; low-confidence markers only hint.
/// </summary>
public sealed class PortalDetector : IAnalysisDetector
{
    /// <summary>Portal notices are short; reading more of a long body only costs time.</summary>
    private const int MaxBodyTextBytes = 256 * 1024;

    public void Analyze(AnalysisContext context)
    {
        var catalog = context.Catalogs.Vendors;
        if (catalog.Vendors.Count == 0)
            return;
        var matches = new Dictionary<Vendor, List<(VendorFingerprint Fingerprint, Evidence Evidence)>>();
        void Add(Vendor vendor, VendorFingerprint fingerprint, Evidence evidence)
        {
            if (!matches.TryGetValue(vendor, out var list))
                matches[vendor] = list = [];
            list.Add((fingerprint, evidence));
        }

        // Every fingerprint walks the parts: the walk is done once.
        var entities = context.Message.AllEntities().ToList();
        var texts = catalog.NeedsBodyText ? BodyTexts(context, entities) : [];
        foreach (var vendor in catalog.Vendors)
        foreach (var fingerprint in vendor.Fingerprints)
        {
            switch (fingerprint.Target)
            {
                case "header-name":
                    foreach (var entity in entities)
                    foreach (var header in entity.Headers)
                        if (fingerprint.Matches(header.Name))
                            Add(vendor, fingerprint, Evidence.FromHeader(header, fingerprint.Basis).Explained(EvidenceNotes.PortalHeaderName));
                    break;
                case "header-value" when fingerprint.Header is not null:
                    foreach (var entity in entities)
                    foreach (var header in entity.Headers.GetAll(fingerprint.Header))
                        if (fingerprint.Matches(header.Value.Trim()))
                            Add(vendor, fingerprint, Evidence.FromHeader(header, fingerprint.Basis).Explained(EvidenceNotes.PortalHeaderValue));
                    break;
                case "attachment-name":
                    foreach (var entity in entities)
                        if (entity.FileName is { } name && fingerprint.Matches(name))
                            Add(vendor, fingerprint, new Evidence(Value: name, PartPath: entity.PartPath, Note: fingerprint.Basis).Explained(EvidenceNotes.PortalAttachmentName));
                    break;
                case "content-type":
                    foreach (var entity in entities)
                        if (fingerprint.Matches(entity.ContentType.MimeType))
                            Add(vendor, fingerprint, new Evidence(Value: entity.ContentType.MimeType, PartPath: entity.PartPath, Note: fingerprint.Basis).Explained(EvidenceNotes.PortalContentType));
                    break;
                case "body-text":
                    foreach (var (path, text) in texts)
                        if (fingerprint.Matches(text))
                            Add(vendor, fingerprint, new Evidence(Value: fingerprint.Value, PartPath: path, Note: fingerprint.Basis).Explained(EvidenceNotes.PortalBodyText));
                    break;
            }
        }

        // The most telling vendor speaks for the message; others still show as hints.
        foreach (var (vendor, found) in matches.OrderBy(m => m.Value.Min(f => f.Fingerprint.Confidence)).ThenByDescending(m => m.Value.Count))
        {
            var confidence = found.Min(f => f.Fingerprint.Confidence);
            var args = new Dictionary<string, string>
            {
                ["vendor"] = vendor.Name,
                ["confidence"] = confidence.ToString().ToLowerInvariant(),
            };
            var evidence = found.Select(f => f.Evidence).ToList();
            if (confidence == Confidence.Low)
            {
                context.AddFinding(FindingCodes.PortalHint, evidence, args);
                continue;
            }
            var encryption = context.Report.Encryption;
            if (encryption.Kind == EncryptionKinds.None)
            {
                encryption.Kind = EncryptionKinds.Portal;
                encryption.Vendor = vendor.Id;
                encryption.PartPath = found[0].Evidence.PartPath;
            }
            context.AddFinding(vendor.Kind == VendorKinds.RightsManagement ? FindingCodes.RightsManaged : FindingCodes.EncryptionPortal, evidence, args);
        }
    }

    private static List<(string Path, string Text)> BodyTexts(AnalysisContext context, List<MimeEntity> entities)
    {
        var texts = new List<(string, string)>();
        foreach (var entity in entities)
            if (!entity.IsMultipart && !entity.IsMessage && entity.ContentType.MediaType == "text" && entity.RawBody.Length <= MaxBodyTextBytes)
                texts.Add((entity.PartPath, context.Text(entity)));
        return texts;
    }
}
