namespace Portal.Analysis.Smime;

/// <summary>One RecipientInfo of an (auth)enveloped-data: who can open the content, without any key.</summary>
public sealed record CmsRecipient(
    string Kind,
    string? Issuer,
    string? SerialNumber,
    string? SubjectKeyIdentifier,
    string? KeyIdentifier,
    string Algorithm,
    string? KeyWrapAlgorithm);

/// <summary>One SignerInfo with the certificate it names, when the message carries it.</summary>
public sealed record CmsSigner(
    string? Subject,
    string? Issuer,
    string? SerialNumber,
    string? SubjectKeyIdentifier,
    bool? Verified,
    DateTimeOffset? ValidFrom,
    DateTimeOffset? ValidTo,
    string DigestAlgorithm,
    string SignatureAlgorithm,
    DateTimeOffset? SigningTime)
{
    /// <summary>Which library checked the signature: .NET's SignedCms, or Bouncy Castle where .NET cannot (RSA-PSS with a long salt).</summary>
    public string? CheckedBy { get; init; }
}

/// <summary>A certificate the signed data carries (the signer's and any chain the sender attached).</summary>
public sealed record CmsCertificate(string Subject, string Issuer, string SerialNumber, DateTimeOffset ValidFrom, DateTimeOffset ValidTo);

/// <summary>Something in the CMS data that could not be read; becomes a defect of the part.</summary>
public sealed record CmsProblem(string Code, string Detail);

/// <summary>What a CMS ContentInfo says about itself.</summary>
public sealed record CmsEnvelope(string ContentTypeOid, string ContentType)
{
    public IReadOnlyList<CmsRecipient> Recipients { get; init; } = [];
    public string? ContentAlgorithm { get; init; }
    public bool Detached { get; init; }
    public int CertificateCount { get; init; }
    public IReadOnlyList<CmsSigner> Signers { get; init; } = [];
    public IReadOnlyList<CmsCertificate> Certificates { get; init; } = [];
    /// <summary>Content that is visible without a key (opaque signed or compressed data), for a nested look.</summary>
    public byte[]? InnerContent { get; init; }
    public string? CompressionAlgorithm { get; init; }
    public IReadOnlyList<CmsProblem> Problems { get; init; } = [];

    /// <summary>Encrypted content: for named recipients (enveloped, authEnveloped) or with a key agreed beforehand (encryptedData).</summary>
    public bool IsEnveloped => ContentTypeOid is CmsOids.EnvelopedData or CmsOids.AuthEnvelopedData or CmsOids.EncryptedData;
    public bool IsSigned => ContentTypeOid == CmsOids.SignedData;
    public bool IsCertificatesOnly => IsSigned && Signers.Count == 0 && CertificateCount > 0;

    public static CmsEnvelope Unreadable(string detail) =>
        new("", "unreadable") { Problems = [new CmsProblem(CmsProblemCodes.Malformed, detail)] };
}

public static class CmsProblemCodes
{
    public const string Malformed = "cms-malformed";
    public const string SignatureUnreadable = "cms-signature-unreadable";
    public const string CompressedUnreadable = "cms-compressed-unreadable";
}
