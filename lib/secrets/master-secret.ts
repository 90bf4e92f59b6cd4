import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { HkdfSha256 } from './hkdf-sha256';

/** Environment variable that holds the master secret (64 hex characters). */
export const MASTER_SECRET_ENV = 'CDK8S_SKUPPER_MASTER_SECRET';

/** Default location of the master secret file, relative to the working directory (git-ignored). */
export const DEFAULT_MASTER_SECRET_FILE = path.join('.cdk8s-skupper', 'master-secret');

const MASTER_SECRET_BYTES = 32;

/** Options for {@link MasterSecret.load}. */
export interface MasterSecretLoadOptions {
  /**
   * The environment to read {@link MASTER_SECRET_ENV} from.
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The file holding the master secret; created (mode 0600) with a fresh random secret when missing.
   * @default .cdk8s-skupper/master-secret
   */
  readonly file?: string;
  /**
   * Where to tell the user that a new master secret was created.
   * @default - process.stderr
   */
  readonly log?: (message: string) => void;
}

/**
 * The project's master secret: the one input from which every synthesized secret value (grant
 * codes, grant server keys, sealing randomness) is derived, so that synth is repeatable.
 *
 * Values are derived with HKDF-SHA256; the info string names the purpose and the full context
 * (cluster, namespace, name, rotation), so no two values share key material.
 */
export class MasterSecret {
  /** Loads the master secret from the environment, else from the file (creating the file on first use). */
  public static load(options: MasterSecretLoadOptions = {}): MasterSecret {
    const env = options.env ?? process.env;
    const fromEnv = env[MASTER_SECRET_ENV];
    if (fromEnv !== undefined && fromEnv !== '') {
      return MasterSecret.fromHex(fromEnv, `environment variable ${MASTER_SECRET_ENV}`);
    }
    const file = options.file ?? DEFAULT_MASTER_SECRET_FILE;
    if (fs.existsSync(file)) {
      return MasterSecret.fromHex(fs.readFileSync(file, 'utf8').trim(), `file ${file}`);
    }
    const secret = crypto.randomBytes(MASTER_SECRET_BYTES);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    // 'wx' fails rather than overwrite a secret created concurrently.
    fs.writeFileSync(file, secret.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    (options.log ?? ((m: string) => process.stderr.write(m + '\n')))(
      `cdk8s-skupper: created a new master secret in ${file} (mode 0600). Keep it safe and back it up: ` +
      'every grant code and key in the synthesized output derives from it, and without it the next synth ' +
      `rotates all of them. Never commit it; in CI pass it as ${MASTER_SECRET_ENV}.`);
    return new MasterSecret(secret);
  }

  /** A master secret from 64 hex characters; `source` names where it came from, for error messages. */
  public static fromHex(hex: string, source = 'the master secret'): MasterSecret {
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
      throw new Error(`invalid master secret in ${source}: expected 64 hexadecimal characters (32 bytes), got ${hex.length} characters`);
    }
    return new MasterSecret(Buffer.from(hex, 'hex'));
  }

  private readonly hkdf: HkdfSha256;

  private constructor(secret: Buffer) {
    this.hkdf = new HkdfSha256(secret);
  }

  /**
   * Derives `length` bytes for `purpose` in `context`. Equal inputs give equal bytes; any
   * difference in purpose or context gives unrelated bytes.
   */
  public derive(purpose: string, context: readonly string[], length: number): Buffer {
    return this.hkdf.expand(JSON.stringify([purpose, ...context]), length);
  }
}
