import { readdir, realpath, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors';
import { loadGlob } from '../core/lazy';
import { displayPath, isInside } from './paths';
import { METADATA_FILE } from './inspect/airbyte';

/**
 * Finds the artifact: the `artifact` input (a path or glob relative to the working directory),
 * else the usual outputs of the usual builds, first rule that matches wins.
 */

interface Rule {
  /** How the rule is described when nothing matched. */
  describe: string;
  find(wd: string): Promise<string[]>;
}

async function filesIn(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir, { withFileTypes: true });
    return names
      .filter((d) => d.isFile())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

const SIDE_JARS = /-(sources|javadoc|tests|test-sources)\.jar$/;

/**
 * The shade plugin replaces the main jar and keeps the unshaded one as original-<name>.jar, so a
 * jar with an original-* twin is the shaded one; with `shadedArtifactAttached` it is *-shaded.jar.
 */
export function pickShadedJar(names: string[]): string[] {
  const jars = names.filter(
    (n) => n.endsWith('.jar') && !n.startsWith('original-') && !SIDE_JARS.test(n),
  );
  if (jars.length <= 1) return jars;
  const originals = new Set(
    names.filter((n) => n.startsWith('original-')).map((n) => n.slice('original-'.length)),
  );
  const twins = jars.filter((n) => originals.has(n));
  if (twins.length > 0) return twins;
  const attached = jars.filter((n) => /-(shaded|all|jar-with-dependencies)\.jar$/.test(n));
  return attached.length > 0 ? attached : jars;
}

const RULES: Rule[] = [
  {
    describe: `a folder with ${METADATA_FILE} (Airbyte)`,
    find: async (wd) => ((await filesIn(wd)).includes(METADATA_FILE) ? [wd] : []),
  },
  {
    describe: 'target/*.nar',
    find: async (wd) =>
      (await filesIn(join(wd, 'target')))
        .filter((n) => n.endsWith('.nar'))
        .map((n) => join(wd, 'target', n)),
  },
  {
    describe: 'the shaded jar in target/',
    find: async (wd) =>
      pickShadedJar(await filesIn(join(wd, 'target'))).map((n) => join(wd, 'target', n)),
  },
  {
    describe: 'build/libs/*-all.jar',
    find: async (wd) =>
      (await filesIn(join(wd, 'build', 'libs')))
        .filter((n) => n.endsWith('-all.jar'))
        .map((n) => join(wd, 'build', 'libs', n)),
  },
  {
    describe: 'the jar in build/libs/',
    find: async (wd) =>
      (await filesIn(join(wd, 'build', 'libs')))
        .filter((n) => n.endsWith('.jar') && !n.endsWith('-plain.jar') && !SIDE_JARS.test(n))
        .map((n) => join(wd, 'build', 'libs', n)),
  },
];

function several(found: string[], wd: string, where: string): InputError {
  const list = found.map((p) => displayPath(p, wd));
  return new InputError(
    `Several artifacts match ${where}: ${list.join(', ')}; choose one with artifact, e.g. artifact: ${list[0]}.`,
  );
}

/**
 * Folders whose files may go into an image: the project (the working directory and the CI's
 * checkout, GITHUB_WORKSPACE or CI_PROJECT_DIR). The temp folders (RUNNER_TEMP, the system's) and
 * GitLab's CI_BUILDS_DIR, which holds other projects' checkouts, count only when the user named a
 * path inside one of them (`named`, e.g. artifact: ${{ runner.temp }}/x.nar). Paths are compared
 * after resolving symlinks, so neither a `..` nor a link planted in the repository reaches
 * ~/.ssh, /etc or a runner's credentials.
 */
export async function allowedRoots(wd: string, named: readonly string[] = []): Promise<string[]> {
  const env = process.env;
  const real = async (c: string): Promise<string> => realpath(c).catch(() => resolve(c));
  const roots: string[] = [];
  for (const c of [wd, env.GITHUB_WORKSPACE, env.CI_PROJECT_DIR]) if (c) roots.push(await real(c));
  for (const c of [env.RUNNER_TEMP, tmpdir(), env.CI_BUILDS_DIR]) {
    if (!c) continue;
    const root = await real(c);
    const wanted = named.some((path) => isInside(resolve(c), path) || isInside(root, path));
    if (wanted) roots.push(root);
  }
  return roots;
}

/** Whether the real path of `path` is inside one of `roots` (from allowedRoots); true when it does not exist. */
async function isConfined(path: string, roots: string[]): Promise<boolean> {
  const real = await realpath(path).catch(() => undefined);
  return real === undefined || roots.some((root) => isInside(root, real));
}

/**
 * The real path of a file (`what`, e.g. "Artifact target/x.nar") to package, refused with an
 * InputError when it is outside every one of `roots` (from allowedRoots). A path that does not
 * exist is returned as it is, for the caller's own "does not exist" error.
 */
export async function confineToRoots(path: string, roots: string[], what: string): Promise<string> {
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return path;
  if (roots.some((root) => isInside(root, real))) return real;
  throw new InputError(
    `${what} leads to ${real}, which is outside the project (working-directory and the CI checkout); copy it into the project, or name a file in a temp folder with the artifact input.`,
  );
}

/** Returns the absolute path of the one artifact, or an InputError that says how to choose it. */
export async function discoverArtifact(
  artifact: string,
  workingDirectory: string,
): Promise<string> {
  const wd = resolve(workingDirectory);
  if (!(await isDirectory(wd))) {
    throw new InputError(
      `Input "working-directory" (${workingDirectory}) is not a directory; point it at the connector project.`,
    );
  }
  const found = artifact ? await fromInput(artifact, wd) : await byRules(wd);
  if (found === undefined) {
    throw new InputError(
      `No artifact found in ${workingDirectory}: looked for ${RULES.map((r) => r.describe).join(', ')}; build the project (build: maven or gradle) or set artifact to the file (a .py, .whl, .zip or Go binary must be named).`,
    );
  }
  const named = artifact ? [found] : [];
  await confineToRoots(found, await allowedRoots(wd, named), `Artifact ${displayPath(found, wd)}`);
  return found;
}

/**
 * The artifact the usual builds leave, for when one is optional (a user Dockerfile): undefined
 * when none is found. One whose real path is outside the allowed roots counts as none found:
 * it is only read for its name and version, and the Dockerfile build does not need it.
 */
export async function findOptionalArtifact(workingDirectory: string): Promise<string | undefined> {
  const wd = resolve(workingDirectory);
  if (!(await isDirectory(wd))) return undefined;
  const found = await byRules(wd);
  if (found === undefined || !(await isConfined(found, await allowedRoots(wd)))) return undefined;
  return found;
}

/** The first rule's one match; several matches are an InputError, none is undefined. */
async function byRules(wd: string): Promise<string | undefined> {
  for (const rule of RULES) {
    const found = await rule.find(wd);
    if (found.length === 1) return found[0];
    if (found.length > 1) throw several(found, wd, rule.describe);
  }
  return undefined;
}

async function fromInput(artifact: string, wd: string): Promise<string> {
  const direct = resolve(wd, artifact);
  try {
    await stat(direct);
    return direct;
  } catch {
    // not a plain path: maybe a glob
  }
  const { glob, isDynamicPattern } = await loadGlob();
  if (!isDynamicPattern(artifact)) {
    throw new InputError(
      `Input "artifact": ${artifact} does not exist in ${displayPath(wd, process.cwd())}; build the project first or fix the path (relative to working-directory).`,
    );
  }
  const found = (
    await glob([artifact], {
      cwd: wd,
      absolute: true,
      onlyFiles: false,
      dot: false,
      expandDirectories: false,
    })
  ).sort();
  if (found.length === 1) return resolve(found[0]);
  if (found.length === 0) {
    throw new InputError(
      `Input "artifact": the pattern ${artifact} matches nothing in ${displayPath(wd, process.cwd())}; build the project first or fix the pattern (relative to working-directory).`,
    );
  }
  throw several(
    found.map((p) => resolve(p)),
    wd,
    `the pattern ${artifact}`,
  );
}
