import * as path from 'path';

/**
 * Checks a path prefix inside the Git repository (e.g. `dist`, `deploy/dist`) and returns it
 * without leading `./` or trailing `/`; `.` or an empty string stands for the repository root.
 */
export function validateRepoPathPrefix(what: string, prefix: string): string {
  const trimmed = prefix.replace(/^\.\/+/, '').replace(/\/+$/, '');
  const normalized = trimmed === '' || trimmed === '.' ? '' : path.posix.normalize(trimmed);
  if (normalized.startsWith('/') || normalized.split('/').includes('..') || /[\s\\]/.test(normalized)) {
    throw new Error(`invalid ${what} "${prefix}": must be a relative path inside the repository, such as dist or deploy/dist ` +
      '(no "..", no leading "/", no spaces or backslashes)');
  }
  return normalized;
}

/** Joins repository path parts with `/`, skipping the empty root prefix. */
export function repoPath(...parts: string[]): string {
  return parts.filter(part => part !== '').join('/');
}
