import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** One synth output: its YAML files by path relative to the output folder (`<cluster>/<folder>/<file>`). */
export interface SynthOutput {
  /** What was read, for messages: the folder, or `<revision>:<path>`. */
  readonly label: string;
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Reads a synth output folder, or `<revision>:<path>` (as in `git show`) from the git repository
 * around `cwd`, so a CI step can review `origin/main:dist` against `HEAD:dist` without a checkout.
 */
export function readSynthOutput(spec: string, cwd: string): SynthOutput {
  const folder = path.resolve(cwd, spec);
  if (fs.existsSync(folder)) {
    if (!fs.statSync(folder).isDirectory()) {
      throw new Error(`${spec} is a file: expected a synth output folder (e.g. dist) or <git revision>:<folder> (e.g. origin/main:dist)`);
    }
    return { label: spec, files: readYamlFolder(folder) };
  }
  const revision = /^([^:]+):(.*)$/.exec(spec);
  if (!revision) {
    throw new Error(`no folder ${spec}: expected a synth output folder (e.g. dist) or <git revision>:<folder> (e.g. origin/main:dist)`);
  }
  return { label: spec, files: readYamlAtRevision(revision[1], revision[2], cwd) };
}

function readYamlFolder(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    // Dot folders are a synth's staging leftovers, never output.
    const relative = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (entry.isFile() && isYaml(relative) && !relative.split('/').some((part) => part.startsWith('.'))) {
      files.set(relative, fs.readFileSync(path.join(root, relative), 'utf8'));
    }
  }
  return files;
}

function readYamlAtRevision(revision: string, folder: string, cwd: string): Map<string, string> {
  const git = (args: string[], input?: string): Buffer => {
    try {
      return execFileSync('git', args, { cwd, input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
      throw new Error(`cannot read ${revision}:${folder} from git: ${stderr || (error as Error).message}`);
    }
  };
  const prefix = folder.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  const listed = git(['ls-tree', '-r', '-z', '--full-tree', '--name-only', revision, '--', prefix || '.']).toString('utf8')
    .split('\0').filter((file) => file && isYaml(file));
  if (listed.length === 0) {
    throw new Error(`${revision}:${folder} holds no YAML files: expected a synth output folder`);
  }
  // One `git cat-file --batch` for all files: one process, not one per file.
  const batch = git(['cat-file', '--batch'], listed.map((file) => `${revision}:${file}\n`).join(''));
  const files = new Map<string, string>();
  let offset = 0;
  for (const file of listed) {
    const headerEnd = batch.indexOf(0x0a, offset);
    const size = Number(batch.subarray(offset, headerEnd).toString('utf8').split(' ')[2]);
    files.set(prefix ? file.slice(prefix.length + 1) : file, batch.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8'));
    offset = headerEnd + 1 + size + 1;
  }
  return files;
}

function isYaml(file: string): boolean {
  return /\.ya?ml$/.test(file);
}
