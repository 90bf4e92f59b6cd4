/** Serial numbers are 16 bytes: 126 bits of randomness (or derived bytes), well above the 64 required. */
export const SERIAL_NUMBER_BYTES = 16;

/**
 * Turns 16 bytes into the content of a certificate's serial number INTEGER: the high bit is
 * cleared (else the serial would be negative) and the next bit is set (else a leading zero byte
 * would make the encoding non-minimal, which Go's x509 parser rejects as a malformed serial).
 */
export function serialNumberBytes(bytes: Buffer): Buffer {
  if (bytes.length !== SERIAL_NUMBER_BYTES) {
    throw new Error(`invalid serial number source of ${bytes.length} bytes: expected exactly ${SERIAL_NUMBER_BYTES} bytes`);
  }
  const serial = Buffer.from(bytes);
  serial[0] = (serial[0] & 0x7f) | 0x40;
  return serial;
}

/** {@link serialNumberBytes} in forge's hex form (forge writes the hex as the INTEGER content unchanged). */
export function serialNumberHex(bytes: Buffer): string {
  return serialNumberBytes(bytes).toString('hex');
}
