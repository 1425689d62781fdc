using Portal.Analysis.Report;
using Portal.Mime;

namespace Portal.Analysis.Smime;

/// <summary>
/// Finds S/MIME layers: application/(x-)pkcs7-mime parts of any smime-type (the CMS content type
/// decides, so a missing parameter does not matter) and multipart/signed with a pkcs7 signature.
/// Opaque signed and compressed content is parsed again to look at what it wraps.
/// </summary>
public sealed class SmimeDetector : IAnalysisDetector
{
    private const int MaxNesting = 4;

    public void Analyze(AnalysisContext context) => Inspect(context, context.Message, pathPrefix: "", depth: 0);

    private static void Inspect(AnalysisContext context, ParsedMessage message, string pathPrefix, int depth)
    {
        var signatureParts = new HashSet<MimeEntity>();
        var budget = context.Budget;
        foreach (var entity in message.AllEntities())
        {
            budget.ThrowIfExhausted();
            var path = pathPrefix + entity.PartPath;
            if (IsSignedMultipart(entity, out var signaturePart))
            {
                signatureParts.Add(signaturePart);
                var signedContent = entity.Children[0].RawEntity.Span;
                budget.SpendBytes(signedContent.Length + signaturePart.RawBody.Length);
                var content = CanonicalLineEndings.ToCrLf(signedContent);
                var envelope = CmsEnvelopeReader.Read(signaturePart.DecodeBody(), content, budget);
                Report(context, envelope, pathPrefix + signaturePart.PartPath, entity.Offset, depth);
            }
            else if (IsPkcs7(entity) && !signatureParts.Contains(entity))
            {
                budget.SpendBytes(entity.RawBody.Length);
                var envelope = CmsEnvelopeReader.Read(entity.DecodeBody(), budget: budget);
                Report(context, envelope, path, entity.Offset, depth);
            }
        }
    }

    private static bool IsSignedMultipart(MimeEntity entity, out MimeEntity signaturePart)
    {
        signaturePart = null!;
        if (!entity.ContentType.Is("multipart/signed") || entity.Children.Count < 2)
            return false;
        var protocol = entity.ContentType.Get("protocol")?.ToLowerInvariant();
        var candidate = entity.Children[1];
        if (protocol is "application/pkcs7-signature" or "application/x-pkcs7-signature" || IsPkcs7Signature(candidate))
        {
            signaturePart = candidate;
            return true;
        }
        return false;
    }

    private static bool IsPkcs7Signature(MimeEntity entity) =>
        entity.ContentType.MimeType is "application/pkcs7-signature" or "application/x-pkcs7-signature";

    private static bool IsPkcs7(MimeEntity entity)
    {
        var type = entity.ContentType.MimeType;
        if (type is "application/pkcs7-mime" or "application/x-pkcs7-mime" || IsPkcs7Signature(entity))
            return true;
        // Some clients send S/MIME as a generic attachment; the file name is all that says what it is.
        return type == "application/octet-stream"
               && entity.FileName is { } name
               && (name.EndsWith(".p7m", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".p7s", StringComparison.OrdinalIgnoreCase));
    }

    private static void Report(AnalysisContext context, CmsEnvelope envelope, string path, long offset, int depth)
    {
        foreach (var problem in envelope.Problems)
            context.AddDefect(problem.Code, path, offset, problem.Detail);
        if (envelope.Problems.Count > 0 && envelope.ContentType == "unreadable")
        {
            context.AddFinding(FindingCodes.CmsUnreadable, Evidence.FromPart(path, envelope.Problems[0].Detail));
            return;
        }

        if (envelope.IsEnveloped)
            ReportEnveloped(context, envelope, path);
        else if (envelope.IsSigned)
            ReportSigned(context, envelope, path);
        else if (envelope.ContentTypeOid == CmsOids.CompressedData)
            context.AddFinding(FindingCodes.SmimeCompressed, Evidence.FromPart(path, envelope.CompressionAlgorithm));

        if (envelope.Problems.Count > 0)
            context.AddFinding(FindingCodes.CmsUnreadable, Evidence.FromPart(path, envelope.Problems[0].Detail));

        if (envelope.InnerContent is { } inner && depth < MaxNesting)
            Inspect(context, MimeParser.Parse(inner), path + "/", depth + 1);
    }

    /// <summary>
    /// EnvelopedData and AuthEnvelopedData name their recipients. EncryptedData names none: its content key was agreed
    /// outside the message, like a password, so only whoever was given it can read the content. That message is
    /// encrypted all the same and must not read as unprotected.
    /// </summary>
    private static void ReportEnveloped(AnalysisContext context, CmsEnvelope envelope, string path)
    {
        var encryption = context.Report.Encryption;
        var envelopeKind = envelope.ContentTypeOid switch
        {
            CmsOids.AuthEnvelopedData => EnvelopeKinds.AuthEnvelopedData,
            CmsOids.EncryptedData => EnvelopeKinds.EncryptedData,
            _ => EnvelopeKinds.EnvelopedData,
        };
        var sharedKey = envelopeKind == EnvelopeKinds.EncryptedData;
        // The outermost layer describes the message; a nested one (rare) only adds its evidence.
        if (encryption.Kind is EncryptionKinds.None or EncryptionKinds.Portal)
        {
            encryption.Kind = EncryptionKinds.Smime;
            encryption.Envelope = envelopeKind;
            encryption.ContentAlgorithm = envelope.ContentAlgorithm;
            encryption.PartPath = path;
            encryption.PasswordProtected = sharedKey;
            encryption.Recipients.Clear();
            foreach (var recipient in envelope.Recipients)
            {
                encryption.Recipients.Add(new RecipientEntry
                {
                    Kind = recipient.Kind,
                    Issuer = recipient.Issuer,
                    SerialNumber = recipient.SerialNumber,
                    SubjectKeyIdentifier = recipient.SubjectKeyIdentifier ?? recipient.KeyIdentifier,
                    Algorithm = recipient.Algorithm,
                    KeyWrapAlgorithm = recipient.KeyWrapAlgorithm,
                });
                if (recipient.Kind == "pwri")
                    encryption.PasswordProtected = true;
            }
        }

        var evidence = Evidence.FromPart(path, $"{envelope.ContentType}, {envelope.ContentAlgorithm}");
        var algorithm = envelope.ContentAlgorithm ?? "unknown";
        if (sharedKey)
            context.AddFinding(FindingCodes.SmimeSharedKey, evidence, new Dictionary<string, string> { ["algorithm"] = algorithm });
        else
            context.AddFinding(FindingCodes.SmimeEncrypted, evidence, new Dictionary<string, string>
            {
                ["count"] = envelope.Recipients.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["envelope"] = envelopeKind,
                ["algorithm"] = algorithm,
            });
        if (CmsOids.IsWeakContentCipher(envelope.ContentAlgorithm))
            context.AddFinding(FindingCodes.SmimeWeakCipher, evidence, new Dictionary<string, string> { ["algorithm"] = envelope.ContentAlgorithm! });
        // Whatever the envelope holds (a signature, another layer) is only visible after decryption.
        context.AddFinding(FindingCodes.SmimeInnerLayerHidden, Evidence.FromPart(path));
    }

    private static void ReportSigned(AnalysisContext context, CmsEnvelope envelope, string path)
    {
        if (envelope.IsCertificatesOnly)
        {
            context.AddFinding(FindingCodes.SmimeCertificatesOnly, Evidence.FromPart(path),
                new Dictionary<string, string> { ["count"] = envelope.CertificateCount.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            return;
        }

        var signature = context.Report.Signature;
        if (signature.Kind == SignatureKinds.None)
            signature.Kind = SignatureKinds.Smime;
        var now = DateTimeOffset.UtcNow;
        foreach (var certificate in envelope.Certificates)
            signature.Certificates.Add(new CertificateEntry
            {
                Subject = certificate.Subject,
                Issuer = certificate.Issuer,
                SerialNumber = certificate.SerialNumber,
                ValidFrom = certificate.ValidFrom,
                ValidTo = certificate.ValidTo,
                Expired = certificate.ValidTo < now,
                PartPath = path,
            });
        foreach (var signer in envelope.Signers)
        {
            var expired = signer.ValidTo is { } validTo ? validTo < now : (bool?)null;
            signature.Signers.Add(new SignerEntry
            {
                Subject = signer.Subject,
                Issuer = signer.Issuer,
                SerialNumber = signer.SerialNumber,
                SubjectKeyIdentifier = signer.SubjectKeyIdentifier,
                Verified = signer.Verified,
                ValidFrom = signer.ValidFrom,
                ValidTo = signer.ValidTo,
                DigestAlgorithm = signer.DigestAlgorithm,
                SignatureAlgorithm = signer.SignatureAlgorithm,
                SigningTime = signer.SigningTime,
                PartPath = path,
                CertificateExpired = expired,
                CertificateValidAtSigning = signer.SigningTime is { } at && signer.ValidFrom is { } from && signer.ValidTo is { } to
                    ? at >= from && at <= to : null,
                CheckedBy = signer.CheckedBy,
            });
            var evidence = Evidence.FromPart(path, signer.Subject ?? signer.Issuer);
            var args = new Dictionary<string, string> { ["subject"] = signer.Subject ?? signer.Issuer ?? "unknown" };
            switch (signer.Verified)
            {
                case true:
                    context.AddFinding(FindingCodes.SmimeSigned, evidence, new Dictionary<string, string>(args)
                    {
                        ["count"] = envelope.Signers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    });
                    break;
                case false:
                    context.AddFinding(FindingCodes.SmimeSignatureInvalid, evidence, args);
                    break;
                default:
                    context.AddFinding(FindingCodes.SmimeSignatureUnchecked, evidence);
                    break;
            }
            if (expired == true)
                context.AddFinding(FindingCodes.SmimeCertificateExpired, evidence, new Dictionary<string, string>(args)
                {
                    ["validTo"] = signer.ValidTo!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                });
        }
    }
}

/// <summary>Signed MIME content is hashed with CRLF line endings (RFC 8551 3.1.1), whatever the file on disk uses.</summary>
public static class CanonicalLineEndings
{
    public static byte[] ToCrLf(ReadOnlySpan<byte> data)
    {
        // Line by line with a vectorized search for '\n': byte by byte was a visible share of checking signed mail.
        var extra = 0;
        for (var i = data.IndexOf((byte)'\n'); i >= 0; i = NextLineFeed(data, i))
            if (i == 0 || data[i - 1] != '\r')
                extra++;
        if (extra == 0)
            return data.ToArray();
        var output = new byte[data.Length + extra];
        var o = 0;
        var copied = 0;
        for (var i = data.IndexOf((byte)'\n'); i >= 0; i = NextLineFeed(data, i))
        {
            if (i > 0 && data[i - 1] == '\r')
                continue;
            data[copied..i].CopyTo(output.AsSpan(o));
            o += i - copied;
            output[o++] = (byte)'\r';
            copied = i;
        }
        data[copied..].CopyTo(output.AsSpan(o));
        return output;
    }

    private static int NextLineFeed(ReadOnlySpan<byte> data, int after)
    {
        var next = data[(after + 1)..].IndexOf((byte)'\n');
        return next < 0 ? -1 : after + 1 + next;
    }
}
