/**
 * Which Python dependencies a project folder asks for, read from its lock without running any of
 * its code (toolchain/python/lock.ts): poetry.lock, pylock.toml or requirements.txt pinned with
 * hashes. A requirements.txt that is not pinned is locked with the runner's pip first (a warning:
 * the image is only as reproducible as the lock), or refused with `require-lock: true`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { InputError } from '../core/errors';
import { isRecord } from '../core/json';
import type { Logger } from '../core/log';
import { findLock, lockWithPip, readPythonLock, requirementsArePinned } from '../toolchain/python';
import { displayPath } from './paths';
import type { PythonDependencies } from './plan';

export interface PythonDependencyOptions {
  workingDirectory: string;
  env: NodeJS.ProcessEnv;
  requireLock: boolean;
  /** Where a lock made by pip is written (beside the rendered Dockerfile). */
  outputDir?: string;
  logger?: Logger;
  /**
   * A pyproject.toml with dependencies but no lock: refused (an Airbyte connector folder is its
   * project), or ignored (a function file beside some other project's pyproject.toml).
   */
  unlockedProject?: 'refuse' | 'ignore';
}

/** The folder's locked dependencies; undefined when it declares none. */
export async function pythonDependencies(
  folder: string,
  opts: PythonDependencyOptions,
): Promise<PythonDependencies | undefined> {
  const lockFile = findLock(folder);
  const readOpts = { env: opts.env };
  if (lockFile && (basename(lockFile) !== 'requirements.txt' || requirementsArePinned(lockFile))) {
    return {
      lock: readPythonLock(lockFile, readOpts),
      label: displayPath(lockFile, opts.workingDirectory),
    };
  }
  const label = lockFile ? displayPath(lockFile, opts.workingDirectory) : undefined;
  if (!lockFile) {
    const pyproject = join(folder, 'pyproject.toml');
    if (opts.unlockedProject === 'ignore') return undefined;
    if (!existsSync(pyproject) || !declaresDependencies(pyproject)) return undefined;
    throw new InputError(
      `${displayPath(pyproject, opts.workingDirectory)} declares dependencies but the folder has no lock (poetry.lock, pylock.toml or requirements.txt pinned with hashes); run \`poetry lock\` (or \`pip-compile --generate-hashes\`) and commit the lock, or set builder: docker.`,
    );
  }
  if (opts.requireLock) {
    throw new InputError(
      `${label} is not a lock (not every line is pinned with ==version and --hash), and require-lock is true; pin it with \`pip-compile --generate-hashes\`, or set require-lock: false to let Slipway lock it with the runner's pip.`,
    );
  }
  const out = join(opts.outputDir ?? folder, 'requirements.lock.txt');
  opts.logger?.warn(
    `${label} is not pinned with hashes, so the image is only as reproducible as today's index: locking it with the runner's pip into ${out} (commit a lock, or set require-lock: true to refuse)`,
  );
  await lockWithPip(lockFile, out, { env: opts.env, logger: opts.logger });
  return { lock: readPythonLock(out, readOpts), label: `${label} (locked into ${out})` };
}

/** pyproject.toml names dependencies besides Python itself (Poetry or PEP 621). */
function declaresDependencies(file: string): boolean {
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(readFileSync(file, 'utf8'));
  } catch {
    return false; // readProjectPackage reports a broken pyproject.toml where it matters
  }
  const project = isRecord(toml.project) ? toml.project : {};
  if (Array.isArray(project.dependencies) && project.dependencies.length > 0) return true;
  const tool = isRecord(toml.tool) ? toml.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : {};
  const deps = isRecord(poetry.dependencies) ? Object.keys(poetry.dependencies) : [];
  return deps.some((name) => name.toLowerCase() !== 'python');
}
