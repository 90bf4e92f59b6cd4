import * as forge from 'node-forge';

/**
 * The attributes of a parsed name, ready for `setIssuer`, so that forge writes the same bytes
 * back. forge keeps a parsed UTF8String as raw UTF-8 bytes but encodes to UTF-8 again when
 * writing, which would garble any non-ASCII character of the issuer name.
 */
export function copyDistinguishedName(attributes: readonly forge.pki.CertificateField[]): forge.pki.CertificateField[] {
  return attributes.map((attribute) => ({
    type: attribute.type,
    valueTagClass: attribute.valueTagClass,
    value: (attribute.valueTagClass as unknown as number) === forge.asn1.Type.UTF8 && typeof attribute.value === 'string'
      ? forge.util.decodeUtf8(attribute.value)
      : attribute.value,
  }));
}

/**
 * The DER bytes (binary string) of a certificate's issuer or subject name. Go finds a
 * certificate's issuer by comparing these bytes exactly, so a leaf's issuer must equal its
 * CA's subject byte for byte, not just by meaning.
 */
export function distinguishedNameDer(certificateDer: string, which: 'issuer' | 'subject'): string {
  const tbsCertificate = (forge.asn1.fromDer(certificateDer).value as forge.asn1.Asn1[])[0];
  const fields = tbsCertificate.value as forge.asn1.Asn1[];
  // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, ...
  const first = fields[0].tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return forge.asn1.toDer(fields[first + (which === 'issuer' ? 2 : 4)]).getBytes();
}
