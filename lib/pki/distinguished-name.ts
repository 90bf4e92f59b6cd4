import { children } from './der';

/**
 * The DER bytes of a certificate's issuer or subject name. Go finds a certificate's issuer by
 * comparing these bytes exactly, so a leaf's issuer must equal its CA's subject byte for byte,
 * not just by meaning.
 */
export function distinguishedNameDer(certificateDer: Buffer, which: 'issuer' | 'subject'): Buffer {
  const fields = children(children(certificateDer)[0]);
  // TBSCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject, ...
  const first = fields[0][0] === 0xa0 ? 1 : 0;
  return fields[first + (which === 'issuer' ? 2 : 4)];
}
