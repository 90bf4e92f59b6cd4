import * as fs from 'fs';
import * as path from 'path';

/** How a folder's new files compare with what the folder on disk holds. */
export interface FolderComparison {
  /** The folder on disk holds exactly the new files (same paths, same bytes) and nothing else. */
  readonly unchanged: boolean;
  /** The new files (relative paths) whose bytes equal a regular file at the same path in the folder on disk. */
  readonly same: ReadonlySet<string>;
}

const NOTHING_IN_COMMON: FolderComparison = { unchanged: false, same: new Set() };

/**
 * Compares `files` (path relative to `dir` with `/` separators, and content) with the folder at
 * `dir` by reading every file there. Only a plain folder of plain folders and regular files can be
 * unchanged: a symbolic link, an empty folder or any file not among `files` makes it changed.
 */
export function compareWithFolder(dir: string, files: ReadonlyMap<string, string>): FolderComparison {
  if (!isPlainFolder(dir)) return NOTHING_IN_COMMON;
  const same = new Set<string>();
  let extra = false;
  /** Walks a folder; whether it has any entry (an empty one is not recreated by the new files). */
  const walk = (relative: string): boolean => {
    const entries = fs.readdirSync(relative === '' ? dir : path.join(dir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const file = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!walk(file)) extra = true;
      } else if (entry.isFile() && files.has(file) && sameBytes(path.join(dir, file), files.get(file)!)) {
        same.add(file);
      } else {
        extra = true;
      }
    }
    return entries.length > 0;
  };
  walk('');
  return { unchanged: !extra && same.size === files.size, same };
}

function isPlainFolder(dir: string): boolean {
  try {
    return fs.lstatSync(dir, { throwIfNoEntry: false })?.isDirectory() ?? false;   // no exception for the usual "not there yet"
  } catch {
    return false;   // ENOTDIR, EACCES: nothing to compare with; writing there reports it
  }
}

/** Byte comparison, not text: a file that is not valid UTF-8 must not pass for the string it decodes to. */
function sameBytes(file: string, content: string): boolean {
  // One buffer for all files (expected bytes, then the file's and one more), no fstat: a re-synth reads every file.
  const length = Buffer.byteLength(content);
  if (scratch.length < 2 * length + 1) scratch = Buffer.alloc(2 * length + 1);
  scratch.write(content, 0, 'utf8');
  const fd = fs.openSync(file, 'r');
  let read = 0;
  try {
    for (let n = -1; n !== 0 && read <= length; read += n) n = fs.readSync(fd, scratch, length + read, length + 1 - read, null);
  } finally {
    fs.closeSync(fd);
  }
  return read === length && scratch.compare(scratch, 0, length, length, 2 * length) === 0;
}

let scratch = Buffer.alloc(1 << 16);
