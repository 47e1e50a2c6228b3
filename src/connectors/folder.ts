import { lstat, readFile, readdir, readlink, realpath } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { InputError } from '../core/errors';
import type { Logger } from '../core/log';
import { IgnoreMatcher, readDockerignore } from './dockerignore';
import { isInside } from './paths';

/**
 * What of a project folder goes into an image when a plan copies the whole folder (a Python
 * Airbyte connector, any directory plan): files and folders as they are, symbolic links as links
 * when they stay inside the folder, never a secret.
 */

/**
 * Never packaged, whatever .dockerignore says: version control, credentials files and the key
 * file google-github-actions/auth writes into the workspace. Names of files or folders.
 */
const SECRET_NAMES: readonly RegExp[] = [
  /^\.git$/,
  /^\.env($|\.)/,
  /^\.npmrc$/,
  /^\.pypirc$/,
  /^\.netrc$/,
  /^\.docker$/,
  /^gha-creds-.*\.json$/,
];
/** Private keys and certificates: left out unless a "!" line of .dockerignore names them. */
const KEY_NAMES: readonly RegExp[] = [/\.pem$/, /\.key$/];

export interface FolderEntry {
  /** Slash-separated path inside the folder, e.g. "source_x/schemas/a.json". */
  rel: string;
  kind: 'dir' | 'file' | 'link';
  /** Host path (real: the folder's real path joined with rel). */
  source: string;
  mode: number;
  /** The link's text, for kind "link". */
  target?: string;
}

export interface FolderOptions {
  /** Names (of files or folders, at any depth) the kind leaves out, e.g. __pycache__. */
  excludeNames?: ReadonlySet<string>;
  /** A file name suffix the kind leaves out, e.g. ".pyc". */
  excludeSuffixes?: readonly string[];
  logger?: Logger;
  /** How messages name the folder (relative to the working directory). */
  label: string;
}

/**
 * Walks `folder` (its real path) in name order. Honours the folder's .dockerignore as docker
 * does for a build context; always leaves out SECRET_NAMES and (unless listed with "!") keys;
 * logs what it left out. A link is kept as a link when its target, read relative to the link,
 * stays inside the folder (and, if it exists, its real path too); any other link is refused with
 * an InputError naming it: the image would hold a link that leads nowhere, and following it on
 * the host could take a file from outside the project.
 */
export async function walkFolder(folder: string, opts: FolderOptions): Promise<FolderEntry[]> {
  const root = await realpath(folder);
  const ignore = new IgnoreMatcher(
    readDockerignore(await readFile(join(root, '.dockerignore'), 'utf8').catch(() => '')),
  );
  const secrets: string[] = [];
  const ignored: string[] = [];
  const entries: FolderEntry[] = [];

  const visit = async (rel: string): Promise<void> => {
    const names = (await readdir(rel ? join(root, rel) : root)).sort();
    for (const name of names) {
      const childRel = rel ? `${rel}/${name}` : name;
      const source = join(root, childRel);
      const st = await lstat(source);
      if (SECRET_NAMES.some((re) => re.test(name))) {
        secrets.push(st.isDirectory() ? `${childRel}/` : childRel);
        continue;
      }
      if (
        opts.excludeNames?.has(name) ||
        opts.excludeSuffixes?.some((suffix) => name.endsWith(suffix))
      )
        continue;
      if (
        !st.isDirectory() &&
        KEY_NAMES.some((re) => re.test(name)) &&
        !ignore.includesExplicitly(childRel)
      ) {
        secrets.push(childRel);
        continue;
      }
      const ignoredHere = ignore.ignores(childRel);
      if (st.isDirectory()) {
        // An ignored folder may still hold files a "!" line brings back (docker walks into it).
        if (ignoredHere && !ignore.hasExceptions) {
          ignored.push(`${childRel}/`);
          continue;
        }
        const before = entries.length;
        if (!ignoredHere) entries.push({ rel: childRel, kind: 'dir', source, mode: st.mode });
        await visit(childRel);
        if (ignoredHere && entries.length > before)
          entries.splice(before, 0, { rel: childRel, kind: 'dir', source, mode: st.mode });
        continue;
      }
      if (ignoredHere) {
        ignored.push(childRel);
        continue;
      }
      if (st.isSymbolicLink()) {
        entries.push({ ...(await checkedLink(root, childRel, opts.label)), mode: 0o777 });
      } else if (st.isFile()) {
        entries.push({ rel: childRel, kind: 'file', source, mode: st.mode });
      }
      // Sockets, FIFOs and devices are not content: left out, as docker does.
    }
  };
  await visit('');

  if (secrets.length > 0) {
    opts.logger?.info(
      `left out of the image (secrets are never packaged; a *.pem or *.key comes in when a "!" line of .dockerignore names it): ${summarise(secrets)}`,
    );
  }
  if (ignored.length > 0)
    opts.logger?.info(`left out of the image by .dockerignore: ${summarise(ignored)}`);
  return entries;
}

function summarise(paths: string[]): string {
  const shown = paths.slice(0, 10).join(', ');
  return paths.length > 10 ? `${shown} and ${paths.length - 10} more` : shown;
}

async function checkedLink(
  root: string,
  rel: string,
  label: string,
): Promise<Omit<FolderEntry, 'mode'>> {
  const source = join(root, rel);
  const target = await readlink(source);
  const where = label === '.' ? rel : `${label}/${rel}`;
  const folder = label === '.' ? 'the connector folder' : label;
  const refuse = (why: string): never => {
    throw new InputError(
      `${where} is a symbolic link to ${target}, which ${why}; only links that stay inside ${folder} are packaged (as links): replace it with the file it points to, or make it a relative link inside the folder.`,
    );
  };
  if (posix.isAbsolute(target)) refuse('is an absolute path');
  const resolved = posix.normalize(posix.join(posix.dirname(rel), target));
  if (resolved === '..' || resolved.startsWith('../')) refuse(`leaves ${folder}`);
  const real = await realpath(source).catch(() => undefined);
  if (real !== undefined && !isInside(root, real)) refuse(`leads to ${real}, outside ${folder}`);
  return { rel, kind: 'link', source, target };
}
