import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { reportToCdk8sCli } from './cdk8s-cli-outdir';
import { compareWithFolder } from './previous-folder';

/** One folder that a synth replaces as a whole (or removes). */
export interface OutputFolder {
  /** The folder. */
  readonly dir: string;
  /**
   * Its new files: path relative to `dir`, with `/` separators, and content.
   * @default - the folder is removed
   */
  readonly files?: ReadonlyMap<string, string>;
  /**
   * Why the folder now at `dir` must not be replaced (it was not written by cdk8s-skupper), as
   * the error message; undefined when it may be. Only called when something exists at `dir`.
   */
  readonly refusal: (dir: string) => string | undefined;
}

/** Options of {@link replaceOutputFolders}. */
export interface ReplaceOutputFoldersOptions {
  /**
   * Renames a file or folder; the swap step's only operation. Rolling back always uses fs.renameSync.
   * @default fs.renameSync
   */
  readonly rename?: (from: string, to: string) => void;
  /**
   * Hard-links an unchanged file of the previous folder into the staging folder; when it throws,
   * the file is written instead.
   * @default fs.linkSync
   */
  readonly link?: (existing: string, newPath: string) => void;
}

interface Swap {
  readonly folder: OutputFolder;
  /** Where the new content was written, next to the folder. */
  readonly staging?: string;
  /** Where the previous folder was moved to while the new one is put in place. */
  backup?: string;
  installed?: boolean;
}

/** Replaces `folders` all or nothing, then tells the cdk8s CLI (when it runs the app) what was written. */
export function writeOutputFolders(folders: readonly OutputFolder[]): void {
  replaceOutputFolders(folders);
  reportToCdk8sCli(folders.filter(folder => folder.files !== undefined).map(folder => folder.dir));
}

/**
 * Replaces every folder of `folders` with its new files, all or nothing, and touches nothing
 * else. First every folder there is checked (nothing is written if one is refused); then every
 * folder whose new files differ from what it holds is written in full next to its target
 * (`.<name>.staging-*`); only then is each such previous folder renamed aside and the new one
 * renamed into place, and the previous ones deleted. If any step fails, what was renamed is
 * renamed back and the staging folders are removed, so the previous output stays exactly as it was.
 *
 * A re-synth writes only what changed, as GitOps wants (git and Argo CD see unchanged files
 * untouched): a folder already holding exactly its new files is left alone, and in a folder that
 * changed each unchanged file is hard-linked from the previous folder (no new inode, and none freed
 * with the previous folder: on ext4 without a journal, creating inodes right after freeing thousands
 * is ~15x slower, see bench/synth/README.md). Linked files keep their mode, owner and mtime; written
 * ones are new files with the default mode. Files are only ever created (exclusively), never written
 * through, so a linked file, which is also the previous output's, is never modified in place.
 */
export function replaceOutputFolders(folders: readonly OutputFolder[], options: ReplaceOutputFoldersOptions = {}): void {
  const rename = options.rename ?? fs.renameSync;
  const link = options.link ?? fs.linkSync;
  for (const folder of folders) {
    const refusal = fs.existsSync(folder.dir) ? folder.refusal(folder.dir) : undefined;
    if (refusal !== undefined) {
      throw new Error(refusal);
    }
  }

  const createdParents: string[] = [];
  const swaps: Swap[] = [];
  /** Puts back what was there; every step is tried, and what could not be done is reported. */
  const undo = (): string[] => {
    const problems: string[] = [];
    const attempt = (what: string, step: () => void) => {
      try {
        step();
      } catch (error) {
        problems.push(`${what}: ${(error as Error).message}`);
      }
    };
    for (const swap of [...swaps].reverse()) {
      if (swap.installed) attempt(`cannot move the new "${swap.folder.dir}" aside`, () => fs.renameSync(swap.folder.dir, swap.staging!));
      if (swap.backup !== undefined) {
        attempt(`the previous "${swap.folder.dir}" is still at "${swap.backup}"`, () => fs.renameSync(swap.backup!, swap.folder.dir));
      }
      if (swap.staging !== undefined) fs.rmSync(swap.staging, { recursive: true, force: true });
    }
    for (const parent of createdParents.reverse()) {
      if (fs.existsSync(parent) && fs.readdirSync(parent).length === 0) fs.rmdirSync(parent);
    }
    return problems;
  };
  try {
    for (const folder of folders) {
      if (folder.files === undefined) {
        swaps.push({ folder });
        continue;
      }
      const previous = compareWithFolder(folder.dir, folder.files);
      if (!previous.unchanged) swaps.push({ folder, staging: stage(folder.dir, folder.files, previous.same, link, createdParents) });
    }
    for (const swap of swaps) {
      if (fs.existsSync(swap.folder.dir)) {
        const backup = siblingName(swap.folder.dir, 'previous');
        rename(swap.folder.dir, backup);
        swap.backup = backup;
      }
      if (swap.staging !== undefined) {
        rename(swap.staging, swap.folder.dir);
        swap.installed = true;
      }
    }
  } catch (error) {
    const problems = undo();
    if (problems.length > 0) {
      throw new Error(`${(error as Error).message}; putting the previous output back failed too: ${problems.join('; ')}`);
    }
    throw error;
  }
  for (const swap of swaps) {
    if (swap.backup !== undefined) fs.rmSync(swap.backup, { recursive: true, force: true });
  }
}

/**
 * Writes `files` into a new hidden folder next to `dir` (on the same file system, so renames are
 * atomic), hard-linking those in `same` from the previous folder at `dir` instead.
 */
function stage(dir: string, files: ReadonlyMap<string, string>, same: ReadonlySet<string>,
  link: (existing: string, newPath: string) => void, createdParents: string[]): string {
  const parent = path.dirname(dir);
  const missing: string[] = [];
  for (let p = parent; !fs.existsSync(p) && path.dirname(p) !== p; p = path.dirname(p)) missing.push(p);
  fs.mkdirSync(parent, { recursive: true });
  createdParents.push(...missing.reverse());
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(dir)}.staging-`));
  try {
    // One mkdir per folder, not per file: a cluster folder has a few folders and many files.
    const made = new Set<string>([staging]);
    for (const [file, content] of files) {
      const target = path.join(staging, ...file.split('/'));
      const folder = path.dirname(target);
      if (!made.has(folder)) {
        fs.mkdirSync(folder, { recursive: true });
        made.add(folder);
      }
      if (same.has(file) && tryLink(link, path.join(dir, ...file.split('/')), target)) continue;
      // 'wx': never through an existing file, which may be a link to the previous output.
      fs.writeFileSync(target, content, { flag: 'wx' });
    }
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return staging;
}

/** Whether `existing` could be hard-linked at `target` (not across file systems, nor where links are not allowed). */
function tryLink(link: (existing: string, newPath: string) => void, existing: string, target: string): boolean {
  try {
    link(existing, target);
    return true;
  } catch {
    return false;
  }
}

/** A name next to `dir` that does not exist yet. */
function siblingName(dir: string, purpose: string): string {
  for (;;) {
    const candidate = path.join(path.dirname(dir), `.${path.basename(dir)}.${purpose}-${crypto.randomBytes(6).toString('hex')}`);
    if (!fs.existsSync(candidate)) return candidate;
  }
}
