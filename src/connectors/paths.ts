import { isAbsolute, relative, sep } from 'node:path';

/**
 * Path helpers shared by discovery, inspection and the Dockerfile code. A module of their own
 * so that discover.ts and inspect/ can both use them without importing each other.
 */

/** Whether `path` is `root` or lies under it (both absolute); `/w/proj2` is not inside `/w/proj`. */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** How messages name a path: relative to the working directory when inside it. */
export function displayPath(path: string, workingDirectory: string): string {
  if (!isInside(workingDirectory, path)) return path;
  return relative(workingDirectory, path) || '.';
}
