import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_MASTER_SECRET_FILE, MASTER_SECRET_ENV, MasterSecret } from '../../../lib/secrets/master-secret';

const HEX = '00'.repeat(31) + '01';
const OTHER_HEX = '00'.repeat(31) + '02';
const CONTEXT = ['west', 'west-ns', 'link-east', 'rotation=0'];

let dir: string;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'master-secret-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('derive', () => {
  test('gives the same bytes for the same secret, purpose and context (pinned: a change would rotate every secret)', () => {
    const master = MasterSecret.fromHex(HEX);
    expect(master.derive('grant-code', CONTEXT, 16).toString('hex')).toBe('6a8db28cb93196de4555c11da6f0d7df');
    expect(MasterSecret.fromHex(HEX).derive('grant-code', CONTEXT, 16).toString('hex')).toBe('6a8db28cb93196de4555c11da6f0d7df');
    expect(master.derive('grant-server/ca-key', ['west', 'ns', 'rotation=0'], 32).toString('hex'))
      .toBe('3165e5103633b53a8b1671956e11607976b094974a0861f506ea722ac69ce6e7');
  });

  test('upper- and lower-case hex are the same secret', () => {
    const upper = MasterSecret.fromHex('AB'.repeat(32));
    const lower = MasterSecret.fromHex('ab'.repeat(32));
    expect(upper.derive('p', CONTEXT, 32)).toEqual(lower.derive('p', CONTEXT, 32));
  });

  test('gives unrelated bytes for another purpose, another context entry, or another master secret', () => {
    const master = MasterSecret.fromHex(HEX);
    const base = master.derive('grant-code', CONTEXT, 32).toString('hex');
    const variants = [
      master.derive('grant-server/ca-key', CONTEXT, 32),
      master.derive('grant-code', ['west', 'west-ns', 'link-east', 'rotation=1'], 32),
      master.derive('grant-code', ['east', 'west-ns', 'link-east', 'rotation=0'], 32),
      master.derive('grant-code', CONTEXT.slice(0, 3), 32),
      MasterSecret.fromHex(OTHER_HEX).derive('grant-code', CONTEXT, 32),
    ].map(bytes => bytes.toString('hex'));
    expect(new Set([base, ...variants]).size).toBe(6);
  });

  test('keeps context entries apart: moving a separator between entries changes the bytes', () => {
    const master = MasterSecret.fromHex(HEX);
    const joined = master.derive('p', ['a,b'], 32).toString('hex');
    const split = master.derive('p', ['a', 'b'], 32).toString('hex');
    const shifted = master.derive('p,a', ['b'], 32).toString('hex');
    expect(new Set([joined, split, shifted]).size).toBe(3);
  });

  test('returns exactly the length asked for, the shorter a prefix of the longer', () => {
    const master = MasterSecret.fromHex(HEX);
    const long = master.derive('p', CONTEXT, 64);
    expect(long).toHaveLength(64);
    expect(master.derive('p', CONTEXT, 1)).toHaveLength(1);
    expect(master.derive('p', CONTEXT, 16)).toEqual(long.subarray(0, 16));
  });
});

describe('fromHex', () => {
  test.each([
    ['too short', '00'.repeat(31), 62],
    ['too long', '00'.repeat(33), 66],
    ['not hex', 'zz'.repeat(32), 64],
    ['empty', '', 0],
    ['with a trailing newline', HEX + '\n', 65],
  ])('refuses a secret %s, naming its source and length but not the value', (_what, hex, length) => {
    let message = '';
    try {
      MasterSecret.fromHex(hex, 'file secrets/master');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(`invalid master secret in file secrets/master: expected 64 hexadecimal characters (32 bytes), got ${length} characters`);
  });

  test('names "the master secret" when no source is given', () => {
    expect(() => MasterSecret.fromHex('abc')).toThrow('invalid master secret in the master secret: expected 64 hexadecimal characters');
  });
});

describe('load', () => {
  const sameSecret = (a: MasterSecret, b: MasterSecret) => a.derive('p', [], 32).equals(b.derive('p', [], 32));

  test('reads the environment variable first, and leaves the file alone', () => {
    const file = path.join(dir, 'master-secret');
    const loaded = MasterSecret.load({ env: { [MASTER_SECRET_ENV]: HEX }, file, log: () => { throw new Error('no log expected'); } });
    expect(sameSecret(loaded, MasterSecret.fromHex(HEX))).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
  });

  test('refuses an invalid environment variable, naming it', () => {
    expect(() => MasterSecret.load({ env: { [MASTER_SECRET_ENV]: 'nope' }, file: path.join(dir, 'f') }))
      .toThrow(`invalid master secret in environment variable ${MASTER_SECRET_ENV}: expected 64 hexadecimal characters (32 bytes), got 4 characters`);
  });

  test('reads the file (trailing newline allowed) when the variable is unset or empty', () => {
    const file = path.join(dir, 'master-secret');
    fs.writeFileSync(file, OTHER_HEX + '\n');
    for (const env of [{}, { [MASTER_SECRET_ENV]: '' }]) {
      expect(sameSecret(MasterSecret.load({ env, file }), MasterSecret.fromHex(OTHER_HEX))).toBe(true);
    }
  });

  test('refuses an invalid file, naming it', () => {
    const file = path.join(dir, 'master-secret');
    fs.writeFileSync(file, 'short\n');
    expect(() => MasterSecret.load({ env: {}, file }))
      .toThrow(`invalid master secret in file ${file}: expected 64 hexadecimal characters (32 bytes), got 5 characters`);
  });

  test('creates a missing file once (folder 0700, file 0600), says so, and reads it back on the next load', () => {
    const file = path.join(dir, 'nested', 'master-secret');
    const messages: string[] = [];
    const created = MasterSecret.load({ env: {}, file, log: m => messages.push(m) });
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`created a new master secret in ${file} (mode 0600)`);
    expect(messages[0]).toContain(`in CI pass it as ${MASTER_SECRET_ENV}`);
    expect(messages[0]).not.toContain(fs.readFileSync(file, 'utf8').trim());

    const again = MasterSecret.load({ env: {}, file, log: m => messages.push(m) });
    expect(sameSecret(created, again)).toBe(true);
    expect(messages).toHaveLength(1);
  });

  test('two created secrets differ (fresh randomness, not a constant)', () => {
    const a = MasterSecret.load({ env: {}, file: path.join(dir, 'a'), log: () => undefined });
    const b = MasterSecret.load({ env: {}, file: path.join(dir, 'b'), log: () => undefined });
    expect(sameSecret(a, b)).toBe(false);
  });

  test('defaults to .cdk8s-skupper/master-secret and the variable CDK8S_SKUPPER_MASTER_SECRET', () => {
    expect(DEFAULT_MASTER_SECRET_FILE).toBe(path.join('.cdk8s-skupper', 'master-secret'));
    expect(MASTER_SECRET_ENV).toBe('CDK8S_SKUPPER_MASTER_SECRET');
  });
});
