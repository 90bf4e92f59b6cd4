import * as crypto from 'crypto';
import { isPrintableString } from './common-name';
import { bitString, BOOLEAN_TRUE, contextTag, NULL, octetString, oid, sequence, set, time, tlv } from './der';
import { ipAddressBytes, isIpAddress } from './host';

/** What varies between the client certificates a CA issues. */
export interface ClientCertificateFields {
  /** The serial's bytes, a positive minimal INTEGER as they are (see serialNumberBytes). */
  readonly serial: Buffer;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** The CA's subject name, exactly as encoded in its certificate (Go matches issuers byte for byte). */
  readonly issuerDer: Buffer;
  readonly commonName: string;
  readonly subjectPublicKeyInfoDer: Buffer;
  /** keyUsage keyEncipherment: for RSA keys only (RFC 5480: an ECDSA key signs). */
  readonly keyEncipherment: boolean;
  /** The CA's subject key identifier, copied into authorityKeyIdentifier as Go does; none without one. */
  readonly authorityKeyIdentifier?: Buffer;
  /** Trimmed, unique, printable ASCII: every one a DNS SAN, the IP addresses also IP SANs (Go's order). */
  readonly hosts: readonly string[];
}

// What every client certificate has in common, encoded once.
const VERSION_3 = contextTag(0, true, Buffer.from([0x02, 0x01, 0x02]));
const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), NULL);
const COMMON_NAME = oid('2.5.4.3');
const KEY_USAGE = oid('2.5.29.15');
// digitalSignature (bit 0), with keyEncipherment (bit 2): minimal bit strings, unused bits counted.
const DIGITAL_SIGNATURE = tlv(0x03, Buffer.from([0x07, 0x80]));
const DIGITAL_SIGNATURE_KEY_ENCIPHERMENT = tlv(0x03, Buffer.from([0x05, 0xa0]));
const EXT_KEY_USAGE = sequence(oid('2.5.29.37'), octetString(sequence(oid('1.3.6.1.5.5.7.3.1'), oid('1.3.6.1.5.5.7.3.2'))));
// cA FALSE is the default, which DER leaves out: an empty SEQUENCE (as Go writes it).
const BASIC_CONSTRAINTS = sequence(oid('2.5.29.19'), BOOLEAN_TRUE, octetString(sequence()));
const AUTHORITY_KEY_IDENTIFIER = oid('2.5.29.35');
const SUBJECT_ALT_NAME = oid('2.5.29.17');

/**
 * A client certificate signed by the CA's RSA key with SHA-256 (PKCS#1 v1.5, as Skupper's CA
 * signs), as DER: the TBSCertificate is assembled from pre-encoded parts and the varying fields,
 * and signed natively. Extensions in the order this library has always written them.
 */
export function signedClientCertificateDer(fields: ClientCertificateFields, caKey: crypto.KeyObject): Buffer {
  const extensions = [
    sequence(KEY_USAGE, BOOLEAN_TRUE, octetString(fields.keyEncipherment ? DIGITAL_SIGNATURE_KEY_ENCIPHERMENT : DIGITAL_SIGNATURE)),
    EXT_KEY_USAGE,
    BASIC_CONSTRAINTS,
    ...(fields.authorityKeyIdentifier ? [sequence(AUTHORITY_KEY_IDENTIFIER, octetString(sequence(contextTag(0, false, fields.authorityKeyIdentifier))))] : []),
    ...(fields.hosts.length > 0 ? [sequence(SUBJECT_ALT_NAME, octetString(subjectAltNames(fields.hosts)))] : []),
  ];
  const tbs = sequence(
    VERSION_3,
    tlv(0x02, fields.serial),
    SHA256_WITH_RSA,
    fields.issuerDer,
    sequence(time(fields.notBefore), time(fields.notAfter)),
    commonNameOnly(fields.commonName),
    fields.subjectPublicKeyInfoDer,
    contextTag(3, true, sequence(...extensions)),
  );
  return sequence(tbs, SHA256_WITH_RSA, bitString(crypto.sign('sha256', tbs, caKey)));
}

/** A name with only a common name: PrintableString when the value allows it, else UTF8String (as Go). */
function commonNameOnly(commonName: string): Buffer {
  const value = isPrintableString(commonName) ? tlv(0x13, Buffer.from(commonName, 'ascii')) : tlv(0x0c, Buffer.from(commonName, 'utf8'));
  return sequence(set(sequence(COMMON_NAME, value)));
}

/** GeneralNames: dNSName [2] IA5String for every host, then iPAddress [7] for the IP addresses. */
function subjectAltNames(hosts: readonly string[]): Buffer {
  return sequence(
    ...hosts.map((host) => contextTag(2, false, Buffer.from(host, 'ascii'))),
    ...hosts.filter(isIpAddress).map((ip) => contextTag(7, false, ipAddressBytes(ip))),
  );
}
