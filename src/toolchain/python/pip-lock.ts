/**
 * A lock for requirements that are not pinned, made by the runner's pip without installing
 * anything: `pip install --dry-run --ignore-installed --report` (pip ≥ 22.2) resolves them once
 * per machine (x86_64, aarch64) with `--only-binary=:all:` and the manylinux platforms, and the
 * report's files (name, version, sha256) become a requirements file pinned with hashes, which the
 * native path then reads like any lock.
 *
 * What pip cannot be told: markers are evaluated for the runner's Python (its version, its OS),
 * and the wheels picked are for the runner's Python version. A base with another Python needs a
 * real lock (`poetry lock`, `pip-compile --generate-hashes`).
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InputError, errorMessage } from '../../core/errors';
import { isRecord } from '../../core/json';
import type { Logger } from '../../core/log';
import { readPythonLock } from './lock';
import { normalizeName } from './markers';

const run = promisify(execFile);

/** The machines a lock made here covers: the two Slipway builds Python images for. */
const MACHINES = ['x86_64', 'aarch64'] as const;

/**
 * manylinux tags pip may pick for a machine: pip widens only the legacy manylinux2014 name by
 * itself (pip 23 utils/compatibility_tags.py), so the perennial ones up to glibc 2.31 (see
 * base-python.ts DEFAULT_GLIBC) are listed.
 */
function platformTags(machine: string): string[] {
  const tags = [`manylinux2014_${machine}`];
  for (let minor = 17; minor <= 31; minor++) tags.push(`manylinux_2_${minor}_${machine}`);
  return tags;
}

/** True when readPythonLock takes this requirements file as a lock (every line pinned, hashed). */
export function requirementsArePinned(file: string): boolean {
  try {
    readPythonLock(file, { env: {} });
    return true;
  } catch (err) {
    // Only the two problems a lock made by pip fixes; any other one is reported as it is.
    if (
      err instanceof InputError &&
      /is not pinned to one version|has no --hash=/.test(err.message)
    )
      return false;
    throw err;
  }
}

interface Resolved {
  name: string;
  version: string;
  hashes: Set<string>;
}

export async function lockWithPip(
  requirements: string,
  out: string,
  opts: { env: NodeJS.ProcessEnv; runnerPython?: string; logger?: Logger },
): Promise<void> {
  const python = opts.runnerPython ?? 'python3';
  const work = await fs.mkdtemp(join(tmpdir(), 'slipway-pip-lock-'));
  const byKey = new Map<string, Resolved>();
  try {
    for (const machine of MACHINES) {
      const report = join(work, `${machine}.json`);
      const args = [
        '-m',
        'pip',
        'install',
        '--dry-run',
        '--ignore-installed',
        '--quiet',
        '--disable-pip-version-check',
        '--no-input',
        '--only-binary=:all:',
        '--implementation',
        'cp',
        ...platformTags(machine).flatMap((t) => ['--platform', t]),
        // pip refuses platform options without --target; with --dry-run nothing lands there.
        '--target',
        join(work, 'target'),
        '--report',
        report,
        '-r',
        requirements,
      ];
      try {
        await run(python, args, { env: opts.env, maxBuffer: 16 * 1024 * 1024 });
      } catch (err) {
        throw new InputError(
          `Locking ${requirements} with the runner's \`${python} -m pip\` for ${machine} failed (${errorMessage(err).split('\n').filter(Boolean).slice(-2).join(' ')}); pin it with \`pip-compile --generate-hashes\` and commit the lock.`,
        );
      }
      for (const item of installs(JSON.parse(await fs.readFile(report, 'utf8')) as unknown)) {
        const key = normalizeName(item.name);
        const seen = byKey.get(key);
        if (seen && seen.version !== item.version) {
          throw new InputError(
            `pip resolves ${requirements} to ${item.name} ${seen.version} on one machine and ${item.version} on ${machine}; pin it (name==version) in ${requirements}.`,
          );
        }
        const entry = seen ?? { name: item.name, version: item.version, hashes: new Set() };
        entry.hashes.add(item.sha256);
        byKey.set(key, entry);
      }
    }
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
  const lines = [
    `# Locked by Slipway with the runner's pip from ${requirements}, for x86_64 and aarch64.`,
    '# Commit a lock of your own (pip-compile --generate-hashes) to make this reproducible.',
    ...[...byKey.keys()].sort().map((key) => {
      const r = byKey.get(key) as Resolved;
      const hashes = [...r.hashes].sort().map((h) => `    --hash=sha256:${h}`);
      return [`${r.name}==${r.version}`, ...hashes].join(' \\\n');
    }),
  ];
  await fs.writeFile(out, `${lines.join('\n')}\n`);
  opts.logger?.info(`python: locked ${byKey.size} packages into ${out}`);
}

/** The report's `install` items: name, version and the sha256 of the file pip chose. */
function installs(report: unknown): { name: string; version: string; sha256: string }[] {
  const items = isRecord(report) && Array.isArray(report.install) ? report.install : [];
  return items.filter(isRecord).flatMap((item) => {
    const metadata = isRecord(item.metadata) ? item.metadata : {};
    const info = isRecord(item.download_info) ? item.download_info : {};
    const archive = isRecord(info.archive_info) ? info.archive_info : {};
    const hashes = isRecord(archive.hashes) ? archive.hashes : {};
    const legacy =
      typeof archive.hash === 'string' ? /^sha256=(\w+)$/.exec(archive.hash)?.[1] : undefined;
    const sha256 = typeof hashes.sha256 === 'string' ? hashes.sha256 : legacy;
    const { name, version } = metadata;
    if (typeof name !== 'string' || typeof version !== 'string') return [];
    if (!sha256) {
      throw new InputError(
        `The index gave no sha256 for the file pip chose for ${name} ${version}, so it cannot be locked; lock it with pip-compile --generate-hashes against an index that lists hashes.`,
      );
    }
    return [{ name, version, sha256: sha256.toLowerCase() }];
  });
}
