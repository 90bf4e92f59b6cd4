import * as forge from 'node-forge';

// The PrintableString alphabet (X.680); anything else needs a UTF8String.
const PRINTABLE_STRING = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/**
 * A subject with only a common name, encoded the way Go's crypto/x509 does: PrintableString
 * when the value allows it, else UTF8String. forge would otherwise always write a
 * PrintableString, which is invalid DER for values such as Skupper site names with '_' or '@'.
 */
export function commonNameSubject(commonName: string): forge.pki.CertificateField[] {
  const printable = isPrintableString(commonName);
  return [{
    shortName: 'CN',
    value: commonName,
    valueTagClass: (printable ? forge.asn1.Type.PRINTABLESTRING : forge.asn1.Type.UTF8) as unknown as forge.asn1.Class,
  }];
}

/** Whether `value` fits a PrintableString (else Go, and this library, write a UTF8String). */
export function isPrintableString(value: string): boolean {
  return PRINTABLE_STRING.test(value);
}
