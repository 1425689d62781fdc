using System.Formats.Asn1;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;

namespace Portal.Analysis.Smime;

/// <summary>
/// Reads a CMS ContentInfo (DER or BER) far enough to say who it is for and who signed it, without
/// any private key. Enveloped and auth-enveloped data share one hand-written reader because
/// EnvelopedCms cannot read RFC 5083; signatures go through SignedCms, which also checks them.
/// Broken input never throws: it comes back as <see cref="CmsEnvelope.Problems"/>.
/// </summary>
public static class CmsEnvelopeReader
{
    /// <summary>Caps the inflated size of compressed-data: a zip bomb must not take the server down.</summary>
    private const int MaxInflatedBytes = 16 * 1024 * 1024;

    private const string RsassaPss = "1.2.840.113549.1.1.10";

    /// <param name="budget">The analysis budget that this container and its compressed content are spent from; null for a single known file.</param>
    /// <exception cref="AnalysisStoppedException">The budget ran out.</exception>
    public static CmsEnvelope Read(ReadOnlyMemory<byte> data, ReadOnlyMemory<byte>? detachedContent = null, AnalysisBudget? budget = null)
    {
        budget?.EnterContainer();
        data = Unarmor(data);
        string oid;
        try
        {
            var contentInfo = new AsnReader(data, AsnEncodingRules.BER).ReadSequence();
            oid = contentInfo.ReadObjectIdentifier();
        }
        catch (Exception e) when (e is AsnContentException or ArgumentException)
        {
            return CmsEnvelope.Unreadable("no CMS ContentInfo: " + e.Message);
        }

        try
        {
            return oid switch
            {
                CmsOids.EnvelopedData or CmsOids.AuthEnvelopedData => ReadEnveloped(data, oid),
                CmsOids.EncryptedData => ReadEncryptedData(data),
                CmsOids.SignedData => ReadSigned(data, detachedContent),
                CmsOids.CompressedData => ReadCompressed(data, budget),
                // A part declared as S/MIME whose content type is no CMS type at all was damaged on the way (a flipped
                // byte in the OID is enough): it must read as damaged protection, not as a message without any.
                _ when !CmsOids.IsContentType(oid) => new CmsEnvelope(oid, CmsOids.NameOf(oid))
                {
                    Problems = [new CmsProblem(CmsProblemCodes.Malformed, $"{oid} is not a CMS content type")],
                },
                _ => new CmsEnvelope(oid, CmsOids.NameOf(oid)),
            };
        }
        catch (Exception e) when (e is AsnContentException or CryptographicException or ArgumentException
                                      or InvalidDataException or OverflowException)
        {
            return new CmsEnvelope(oid, CmsOids.NameOf(oid))
            {
                Problems = [new CmsProblem(CmsProblemCodes.Malformed, e.Message)],
            };
        }
    }

    /// <summary>
    /// OpenSSL's <c>-outform PEM</c>, and .p7m files saved that way, wrap the DER in "-----BEGIN PKCS7-----" or
    /// "-----BEGIN CMS-----" lines; DER itself starts with a SEQUENCE tag, so only text that opens with such a line is
    /// looked at. The BEGIN line, the END line of the same label and the base64 between are each found by one linear
    /// search: PemEncoding.TryFind retries from every later BEGIN line and is quadratic on a body made of them.
    /// </summary>
    private static ReadOnlyMemory<byte> Unarmor(ReadOnlyMemory<byte> data)
    {
        var span = data.Span.TrimStart(" \t\r\n"u8);
        if (!span.StartsWith("-----BEGIN "u8))
            return data;
        var text = System.Text.Encoding.ASCII.GetString(span);
        var lineEnd = text.IndexOf('\n');
        if (lineEnd < 0)
            return data;
        var header = text[..lineEnd].TrimEnd('\r', ' ', '\t');
        if (!header.EndsWith("-----", StringComparison.Ordinal) || header.Length < "-----BEGIN -----".Length)
            return data;
        var label = header["-----BEGIN ".Length..^"-----".Length];
        if (label is not ("PKCS7" or "CMS" or "PKCS #7 SIGNED DATA"))
            return data;
        var end = text.IndexOf($"-----END {label}-----", lineEnd, StringComparison.Ordinal);
        if (end < 0)
            return data;
        try
        {
            return Convert.FromBase64String(text[lineEnd..end]);
        }
        catch (FormatException)
        {
            return data;
        }
    }

    private static AsnReader ReadContent(ReadOnlyMemory<byte> data)
    {
        var contentInfo = new AsnReader(data, AsnEncodingRules.BER).ReadSequence();
        contentInfo.ReadObjectIdentifier();
        return contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadSequence();
    }

    // EnvelopedData and AuthEnvelopedData start the same way (RFC 5652 6.1, RFC 5083 2.1):
    // version, [0] originatorInfo, recipientInfos, (auth)EncryptedContentInfo.
    private static CmsEnvelope ReadEnveloped(ReadOnlyMemory<byte> data, string oid)
    {
        var body = ReadContent(data);
        body.ReadEncodedValue(); // version
        if (body.HasData && body.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            body.ReadEncodedValue(); // originatorInfo
        var recipientInfos = body.ReadSetOf(skipSortOrderValidation: true);
        var recipients = new List<CmsRecipient>();
        while (recipientInfos.HasData)
            ReadRecipientInfo(recipientInfos, recipients);

        var encryptedContentInfo = body.ReadSequence();
        encryptedContentInfo.ReadObjectIdentifier();
        var contentAlgorithm = ReadAlgorithm(encryptedContentInfo).Name;
        return new CmsEnvelope(oid, CmsOids.NameOf(oid)) { Recipients = recipients, ContentAlgorithm = contentAlgorithm };
    }

    // EncryptedData (RFC 5652 8): version, encryptedContentInfo, no recipients at all. The content key was agreed outside
    // the message; only the cipher can be named.
    private static CmsEnvelope ReadEncryptedData(ReadOnlyMemory<byte> data)
    {
        var body = ReadContent(data);
        body.ReadEncodedValue(); // version
        var encryptedContentInfo = body.ReadSequence();
        encryptedContentInfo.ReadObjectIdentifier();
        return new CmsEnvelope(CmsOids.EncryptedData, CmsOids.NameOf(CmsOids.EncryptedData)) { ContentAlgorithm = ReadAlgorithm(encryptedContentInfo).Name };
    }

    private static void ReadRecipientInfo(AsnReader set, List<CmsRecipient> into)
    {
        var tag = set.PeekTag();
        if (tag.TagClass == TagClass.Universal)
        {
            into.Add(ReadKeyTransport(set.ReadSequence()));
            return;
        }
        switch (tag.TagValue)
        {
            case 1:
                ReadKeyAgreement(set.ReadSequence(tag), into);
                break;
            case 2:
            {
                var kekri = set.ReadSequence(tag);
                kekri.ReadEncodedValue(); // version
                var kekId = kekri.ReadSequence();
                var keyIdentifier = Convert.ToHexString(kekId.ReadOctetString());
                into.Add(new CmsRecipient("kekri", null, null, null, keyIdentifier, ReadAlgorithm(kekri).Name, null));
                break;
            }
            case 3:
            {
                var pwri = set.ReadSequence(tag);
                pwri.ReadEncodedValue(); // version
                if (pwri.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
                    pwri.ReadEncodedValue(); // keyDerivationAlgorithm
                into.Add(new CmsRecipient("pwri", null, null, null, null, ReadAlgorithm(pwri).Name, null));
                break;
            }
            default:
            {
                var other = set.ReadSequence(tag);
                into.Add(new CmsRecipient("ori", null, null, null, null, CmsOids.NameOf(other.ReadObjectIdentifier()), null));
                break;
            }
        }
    }

    private static CmsRecipient ReadKeyTransport(AsnReader ktri)
    {
        ktri.ReadEncodedValue(); // version
        var (issuer, serial, ski) = ReadRecipientIdentifier(ktri, keyAgreement: false);
        return new CmsRecipient("ktri", issuer, serial, ski, null, ReadAlgorithm(ktri).Name, null);
    }

    private static void ReadKeyAgreement(AsnReader kari, List<CmsRecipient> into)
    {
        kari.ReadEncodedValue(); // version
        kari.ReadEncodedValue(); // [0] originator
        if (kari.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
            kari.ReadEncodedValue(); // [1] ukm
        var algorithm = ReadAlgorithm(kari);
        var keys = kari.ReadSequence();
        while (keys.HasData)
        {
            var key = keys.ReadSequence();
            var (issuer, serial, ski) = ReadRecipientIdentifier(key, keyAgreement: true);
            into.Add(new CmsRecipient("kari", issuer, serial, ski, null, algorithm.Name, algorithm.WrapName));
        }
    }

    /// <summary>IssuerAndSerialNumber, or a [0] subject key identifier: a bare OCTET STRING for ktri, a RecipientKeyIdentifier SEQUENCE for kari.</summary>
    private static (string? Issuer, string? Serial, string? Ski) ReadRecipientIdentifier(AsnReader reader, bool keyAgreement)
    {
        var tag = reader.PeekTag();
        if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 0)
        {
            var ski = keyAgreement ? reader.ReadSequence(tag).ReadOctetString() : reader.ReadOctetString(tag);
            return (null, null, Convert.ToHexString(ski));
        }
        var issuerAndSerial = reader.ReadSequence();
        var issuer = new X500DistinguishedName(issuerAndSerial.ReadEncodedValue().Span).Name;
        var serial = FormatSerial(issuerAndSerial.ReadIntegerBytes().Span);
        return (issuer, serial, null);
    }

    private readonly record struct Algorithm(string Name, string? WrapName);

    private static Algorithm ReadAlgorithm(AsnReader reader)
    {
        var algorithm = reader.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        string? wrap = null;
        // Key agreement names its key-wrap algorithm in the parameters (RFC 5753 7.1.1).
        if (algorithm.HasData && algorithm.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            var parameters = algorithm.ReadSequence();
            if (parameters.HasData && parameters.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
                wrap = CmsOids.NameOf(parameters.ReadObjectIdentifier());
        }
        return new Algorithm(CmsOids.NameOf(oid), wrap);
    }

    private static CmsEnvelope ReadSigned(ReadOnlyMemory<byte> data, ReadOnlyMemory<byte>? detachedContent)
    {
        var cms = detachedContent is { } content
            ? new SignedCms(new ContentInfo(content.ToArray()), detached: true)
            : new SignedCms();
        cms.Decode(data.Span);
        // Decoded on its own, a detached signature looks like one over empty content; checking it
        // would wrongly say "invalid", so without the content it is reported as not checked.
        var detached = detachedContent is not null || cms.Detached || cms.ContentInfo.Content.Length == 0;

        var signers = new List<CmsSigner>();
        var canVerify = !detached || detachedContent is not null;
        // SignerInfos builds a new collection on every call, and each SignerInfo finds its certificate by loading
        // every certificate of the message: both are read once.
        var infos = cms.SignerInfos;
        for (var i = 0; i < infos.Count; i++)
        {
            var signer = DescribeSigner(infos[i], canVerify, out var certificate);
            // SignedCms answers for everything but RSA-PSS with a salt longer than the hash, which OpenSSL makes by default.
            if (signer.Verified is null && canVerify && certificate is not null && signer.SignatureAlgorithm == CmsOids.NameOf(RsassaPss))
                signer = signer with { Verified = BouncyCastleCms.Verify(data, detachedContent, i, certificate), CheckedBy = "bouncy-castle" };
            signers.Add(signer);
        }

        byte[]? inner = null;
        if (!detached && cms.ContentInfo.Content.Length > 0)
            inner = cms.ContentInfo.Content;
        return new CmsEnvelope(CmsOids.SignedData, CmsOids.NameOf(CmsOids.SignedData))
        {
            Detached = detached,
            // SignedCms.Certificates loads every certificate again; with signers, finding the signer's certificate
            // has already loaded them all, so counting the encoded set says the same for much less.
            CertificateCount = signers.Count == 0 ? cms.Certificates.Count : CountCertificates(data),
            Signers = signers,
            Certificates = signers.Count == 0 ? [] : ReadCertificates(data),
            InnerContent = inner,
        };
    }

    // SignedData (RFC 5652 5.1): version, digestAlgorithms, encapContentInfo, [0] IMPLICIT certificates, ...
    // Only plain certificates (a SEQUENCE among the CertificateChoices) count, as in SignedCms.Certificates.
    private static int CountCertificates(ReadOnlyMemory<byte> data)
    {
        var body = ReadContent(data);
        body.ReadEncodedValue(); // version
        body.ReadEncodedValue(); // digestAlgorithms
        body.ReadEncodedValue(); // encapContentInfo
        var certificatesTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        if (!body.HasData || body.PeekTag() != certificatesTag)
            return 0;
        var certificates = body.ReadSetOf(skipSortOrderValidation: true, expectedTag: certificatesTag);
        var count = 0;
        while (certificates.HasData)
        {
            if (certificates.PeekTag() == Asn1Tag.Sequence)
                count++;
            certificates.ReadEncodedValue();
        }
        return count;
    }

    // The certificates' names, serials and validity read from the encoded set: loading each one as an
    // X509Certificate2 (as SignedCms.Certificates does) costs about a millisecond apiece through OpenSSL.
    private static List<CmsCertificate> ReadCertificates(ReadOnlyMemory<byte> data)
    {
        var body = ReadContent(data);
        body.ReadEncodedValue(); // version
        body.ReadEncodedValue(); // digestAlgorithms
        body.ReadEncodedValue(); // encapContentInfo
        var certificatesTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        var result = new List<CmsCertificate>();
        if (!body.HasData || body.PeekTag() != certificatesTag)
            return result;
        var certificates = body.ReadSetOf(skipSortOrderValidation: true, expectedTag: certificatesTag);
        while (certificates.HasData)
        {
            if (certificates.PeekTag() != Asn1Tag.Sequence)
            {
                certificates.ReadEncodedValue();
                continue;
            }
            // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, validity, subject, ... } ... }
            var tbs = certificates.ReadSequence().ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
                tbs.ReadEncodedValue();
            var serial = FormatSerial(tbs.ReadIntegerBytes().Span);
            tbs.ReadEncodedValue(); // signature algorithm
            var issuer = new X500DistinguishedName(tbs.ReadEncodedValue().Span).Name;
            var validity = tbs.ReadSequence();
            var notBefore = ReadTime(validity);
            var notAfter = ReadTime(validity);
            var subject = new X500DistinguishedName(tbs.ReadEncodedValue().Span).Name;
            result.Add(new CmsCertificate(subject, issuer, serial, notBefore, notAfter));
        }
        return result;

        static DateTimeOffset ReadTime(AsnReader reader) =>
            reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();
    }

    private static CmsSigner DescribeSigner(SignerInfo signer, bool canVerify, out X509Certificate2? certificate)
    {
        certificate = signer.Certificate;
        string? issuer = null, serial = null, ski = null;
        switch (signer.SignerIdentifier.Value)
        {
            case X509IssuerSerial issuerSerial:
                issuer = issuerSerial.IssuerName;
                serial = NormalizeSerialHex(issuerSerial.SerialNumber);
                break;
            case string keyIdentifier:
                ski = keyIdentifier.ToUpperInvariant();
                break;
        }

        bool? verified = null;
        string? checkedBy = null;
        if (certificate is not null && canVerify)
        {
            try
            {
                signer.CheckSignature(verifySignatureOnly: true);
                verified = true;
                checkedBy = "signedcms";
            }
            catch (CryptographicException)
            {
                // .NET verifies RSASSA-PSS only with a salt as long as the hash; OpenSSL signs with the
                // longest salt by default. A PSS failure is therefore "not checkable here": Bouncy Castle checks it.
                verified = signer.SignatureAlgorithm.Value == RsassaPss ? null : false;
                checkedBy = verified is null ? null : "signedcms";
            }
        }

        DateTimeOffset? signingTime = null;
        foreach (var attribute in signer.SignedAttributes)
        foreach (var value in attribute.Values)
            if (value is Pkcs9SigningTime time)
                signingTime = new DateTimeOffset(DateTime.SpecifyKind(time.SigningTime, DateTimeKind.Utc));

        return new CmsSigner(
            certificate?.Subject,
            certificate?.Issuer ?? issuer,
            certificate is not null ? NormalizeSerialHex(certificate.SerialNumber) : serial,
            ski,
            verified,
            certificate is null ? null : new DateTimeOffset(certificate.NotBefore.ToUniversalTime()),
            certificate is null ? null : new DateTimeOffset(certificate.NotAfter.ToUniversalTime()),
            CmsOids.NameOf(signer.DigestAlgorithm.Value),
            CmsOids.NameOf(signer.SignatureAlgorithm.Value),
            signingTime)
        {
            CheckedBy = checkedBy,
        };
    }

    // CompressedData (RFC 3274): version, compressionAlgorithm, encapContentInfo.
    private static CmsEnvelope ReadCompressed(ReadOnlyMemory<byte> data, AnalysisBudget? budget)
    {
        var body = ReadContent(data);
        body.ReadEncodedValue(); // version
        var algorithm = body.ReadSequence().ReadObjectIdentifier();
        var encapsulated = body.ReadSequence();
        encapsulated.ReadObjectIdentifier();
        var envelope = new CmsEnvelope(CmsOids.CompressedData, CmsOids.NameOf(CmsOids.CompressedData))
        {
            CompressionAlgorithm = CmsOids.NameOf(algorithm),
        };
        if (!encapsulated.HasData || algorithm != CmsOids.ZlibCompress)
            return envelope;
        var compressed = encapsulated.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadOctetString();
        using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
        return BoundedInflate.ReadAll(zlib, MaxInflatedBytes, budget) is { } inflated
            ? envelope with { InnerContent = inflated }
            : envelope with { Problems = [new CmsProblem(CmsProblemCodes.CompressedUnreadable, "zlib data does not inflate within limits")] };
    }

    /// <summary>Serial numbers as the report writes them: lower-case hex, no leading zeros.</summary>
    public static string FormatSerial(ReadOnlySpan<byte> bigEndian)
    {
        var hex = Convert.ToHexString(bigEndian).TrimStart('0').ToLowerInvariant();
        return hex.Length == 0 ? "0" : hex;
    }

    private static string NormalizeSerialHex(string hex)
    {
        var trimmed = hex.TrimStart('0').ToLowerInvariant();
        return trimmed.Length == 0 ? "0" : trimmed;
    }
}
