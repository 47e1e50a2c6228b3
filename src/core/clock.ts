import { execFileSync } from 'node:child_process';
import { InputError } from './errors';

/**
 * The one clock of a build: layer mtimes and the config's `created` come from here, so the same
 * inputs give the same digest. SOURCE_DATE_EPOCH wins, then the commit time of HEAD in the working
 * directory, then 0 (1970-01-01).
 */
export function buildEpoch(workingDirectory: string, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = env.SOURCE_DATE_EPOCH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!/^\d+$/.test(fromEnv)) {
      throw new InputError(
        `SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "${fromEnv}"); unset it or set e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)`,
      );
    }
    return Number(fromEnv);
  }
  try {
    const out = execFileSync('git', ['log', '-1', '--format=%ct'], {
      cwd: workingDirectory,
      stdio: ['ignore', 'pipe', 'ignore'],
      encoding: 'utf8',
    }).trim();
    if (/^\d+$/.test(out)) return Number(out);
  } catch {
    // not a git checkout, or git missing: fall through to the epoch
  }
  return 0;
}

export function epochToIso(epoch: number): string {
  return new Date(epoch * 1000).toISOString().replace('.000Z', 'Z');
}
