import { readFile, readdir } from 'node:fs/promises';
import { join, posix } from 'node:path';

/** Folders never holding a project of their own: build outputs, dependencies, VCS data. */
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'target', 'build', 'dist']);

/** A folder of the repository with the names of its files, path relative to the root (`.` for it). */
export interface WalkedFolder {
  dir: string;
  files: Set<string>;
}

/** `dir` + `rel` as a normalised repository path (`.` for the root). */
export function joinRelative(dir: string, rel: string): string {
  return posix.normalize(posix.join(dir, rel)).replace(/\/$/, '') || '.';
}

/** Whether repository path `path` is `dir` or lies under it. */
export function isUnder(dir: string, path: string): boolean {
  return dir === '.' || path === dir || path.startsWith(`${dir}/`);
}

/** A text file of the repository, or undefined when it is missing. */
export async function fileText(root: string, rel: string): Promise<string | undefined> {
  try {
    return await readFile(join(root, rel), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Every folder under `root` with its files, skipping SKIPPED_FOLDERS and hidden folders (.github,
 * .venv, .idea hold no projects), sorted by path. Symbolic links are not followed, so a link loop
 * or a link out of the repository is not walked.
 */
export async function walkRepository(root: string): Promise<WalkedFolder[]> {
  const folders: WalkedFolder[] = [];
  const visit = async (dir: string): Promise<void> => {
    const entries = await readdir(dir === '.' ? root : join(root, dir), { withFileTypes: true });
    const files = new Set<string>();
    const subfolders: string[] = [];
    for (const entry of entries) {
      if (entry.isFile()) files.add(entry.name);
      else if (
        entry.isDirectory() &&
        !SKIPPED_FOLDERS.has(entry.name) &&
        !entry.name.startsWith('.')
      ) {
        subfolders.push(joinRelative(dir, entry.name));
      }
    }
    folders.push({ dir, files });
    for (const sub of subfolders.sort()) await visit(sub);
  };
  await visit('.');
  return folders.sort((a, b) => a.dir.localeCompare(b.dir));
}
