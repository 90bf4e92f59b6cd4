import { MasterSecret } from './master-secret';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Skupper's codes are 24 characters of [A-Za-z0-9] (about 143 bits); ours match. */
export const GRANT_CODE_LENGTH = 24;

/**
 * The code of one grant, derived from the master secret and the grant's identity (cluster,
 * namespace, name, rotation): both sides of a link get the same code without it ever being
 * written down unsealed.
 */
export function deriveGrantCode(master: MasterSecret, context: readonly string[]): string {
  let code = '';
  for (let round = 0; code.length < GRANT_CODE_LENGTH; round++) {
    for (const byte of master.derive('grant-code', [...context, `round=${round}`], 64)) {
      // Rejection sampling keeps every character equally likely (248 = 4 * 62).
      if (byte < 248 && code.length < GRANT_CODE_LENGTH) {
        code += ALPHABET[byte % ALPHABET.length];
      }
    }
  }
  return code;
}
