using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace Portal.Analysis.Smime;

/// <summary>
/// Checks one SignerInfo with Bouncy Castle's CMS, which verifies RSASSA-PSS with whatever salt length the
/// parameters name. Only the signature over the content is checked, never the certificate's dates or trust:
/// an expired certificate is reported separately from a broken signature.
/// </summary>
public static class BouncyCastleCms
{
    private const int MaxCachedKeys = 1000;
    // Bouncy Castle checks an RSA modulus when a key is made (about a tenth of a second for 2048 bits here):
    // a sender's key is made once and kept, by the certificate's SHA-256.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, RsaKeyParameters> Keys = new();

    // The key from the certificate .NET has already loaded; RSASSA-PSS keys are RSA keys.
    private static RsaKeyParameters? RsaKey(X509Certificate2 certificate)
    {
        var id = certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        if (Keys.TryGetValue(id, out var cached))
            return cached;
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is null)
            return null;
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var key = new RsaKeyParameters(false, new BigInteger(1, parameters.Modulus), new BigInteger(1, parameters.Exponent));
        if (Keys.Count >= MaxCachedKeys)
            Keys.Clear();
        return Keys[id] = key;
    }

    /// <returns>True or false; null when Bouncy Castle cannot check it either.</returns>
    public static bool? Verify(ReadOnlyMemory<byte> signedData, ReadOnlyMemory<byte>? detachedContent, int signerIndex, X509Certificate2 certificate)
    {
        try
        {
            var content = detachedContent?.ToArray();
            var cms = content is not null
                ? new CmsSignedData(new CmsProcessableByteArray(content), signedData.ToArray())
                : new CmsSignedData(signedData.ToArray());
            var signers = cms.GetSignerInfos().GetSigners().ToList();
            if (signerIndex >= signers.Count)
                return null;
            var signer = signers[signerIndex];
            // Bouncy Castle throws, rather than answering false, when the content no longer matches its digest:
            // that comparison is made here first, so changed content reads as "invalid", not "cannot check".
            if (content is null && cms.SignedContent is { } encapsulated)
            {
                using var buffer = new MemoryStream();
                encapsulated.Write(buffer);
                content = buffer.ToArray();
            }
            if (content is not null && signer.SignedAttributes?[Org.BouncyCastle.Asn1.Cms.CmsAttributes.MessageDigest] is { } attribute
                && attribute.AttrValues.Count == 1 && attribute.AttrValues[0] is Asn1OctetString signedDigest
                && !signedDigest.GetOctets().AsSpan().SequenceEqual(DigestUtilities.CalculateDigest(signer.DigestAlgorithmID.Algorithm.Id, content)))
                return false;
            // Verify(X509Certificate) would also reject a certificate that was expired at signing time; the public key alone does not.
            return RsaKey(certificate) is { } key ? signer.Verify(key) : null;
        }
        catch (CmsException)
        {
            // Parameters it cannot use, attributes it rejects: not checkable, which is not the same as invalid.
            return null;
        }
        catch (Exception e) when (e is SecurityUtilityException or ArgumentException or IOException or InvalidOperationException
                                      or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
