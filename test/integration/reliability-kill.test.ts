/**
 * Issue 6: a push killed with SIGKILL at seeded random points (at the k-th registry request, or
 * after a random time) never leaves a tag pointing at an image whose manifests or blobs are
 * missing, and the next run completes.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { builtCli, runCli } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import { checkTag, seededRandom, writeSeededFile } from '../fixtures/faults';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startProxy } from '../fixtures/proxy';
import type { TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const SEED = 777;
/** Seeded random kill points, then one at the PUT of the tag itself (the last request). */
const ROUNDS = 6;
const MB = 1024 * 1024;

let reg: TestRegistry;
let proxy: TestProxy;
let work: string;

beforeAll(async () => {
  work = await makeTempDir('reliability-kill');
  reg = await startRegistry({ auth: 'none' });
  proxy = await startProxy(reg.host);
  await seedBusyboxBase(reg, 'base/multi:1', { platforms: ['linux/amd64', 'linux/arm64'] });
});
afterAll(async () => {
  await proxy?.stop();
  await reg?.stop();
  await removeTempDir(work);
});

function args(file: string): string[] {
  return [
    'build',
    '--artifact',
    file,
    '--artifact-path',
    '/data/',
    '--base-image',
    `${proxy.host}/base/multi:1`,
    '--image',
    `${proxy.host}/killed/app`,
    '--tags',
    'latest',
    '--json',
  ];
}

interface Killed {
  how: string;
  requestsSeen: number;
  signal: string | null;
  stderr: string;
}

/** When to kill: at the k-th request, at the k-th manifest PUT, or some ms after the first upload. */
type KillPoint = { atRequest: number } | { atManifestPut: number } | { msAfterUpload: number };

function describeKill(kill: KillPoint): string {
  if ('atRequest' in kill) return `at request ${kill.atRequest}`;
  if ('atManifestPut' in kill) return `at manifest PUT ${kill.atManifestPut}`;
  return `${kill.msAfterUpload} ms into the uploads`;
}

/** Runs the CLI and SIGKILLs it at `kill`. */
function runAndKill(file: string, kill: KillPoint): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtCli(), ...args(file)], {
      env: {
        ...process.env,
        SOURCE_DATE_EPOCH: '1700000000',
        GITHUB_REF: '',
        GITHUB_SHA: '',
        RUNNER_TEMP: process.env.SLIPWAY_FIXTURE_CACHE ?? '',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    let seen = 0;
    let manifestPuts = 0;
    let timer: NodeJS.Timeout | undefined;
    proxy.setHooks({
      onRequest: (req) => {
        seen++;
        if (req.method === 'PUT' && req.kind === 'manifest') manifestPuts++;
        // Killed as the request arrives; the request itself still goes on to the registry, so a
        // manifest PUT can land while its client is already dead.
        if ('atRequest' in kill && seen === kill.atRequest) child.kill('SIGKILL');
        if ('atManifestPut' in kill && manifestPuts === kill.atManifestPut) child.kill('SIGKILL');
        if ('msAfterUpload' in kill && req.kind === 'blob-upload' && timer === undefined) {
          timer = setTimeout(() => child.kill('SIGKILL'), kill.msAfterUpload);
        }
        return 'pass';
      },
    });
    child.once('error', reject);
    child.once('exit', (_code, signal) => {
      if (timer) clearTimeout(timer);
      proxy.setHooks(undefined);
      resolve({ how: describeKill(kill), requestsSeen: seen, signal, stderr });
    });
  });
}

it(`survives ${ROUNDS} SIGKILLs at random points of a push: no tag with missing blobs, the next run completes`, async () => {
  const random = seededRandom(SEED);
  // A first run creates the tag. A reference run then counts the requests, manifest PUTs and the
  // time from the first upload on of a push over an existing tag, which every round is (a first
  // push streams its layer and makes a few requests more, so its count could put a kill point
  // past the end of a later run).
  let uploadStart: number | undefined;
  for (const name of ['first', 'ref']) {
    const refDir = join(work, name);
    mkdirSync(refDir);
    writeSeededFile(join(refDir, 'payload.bin'), 20 * MB, SEED + (name === 'ref' ? 1000 : 0));
    proxy.setHooks({
      onRequest: (req) => {
        if (req.kind === 'blob-upload') uploadStart ??= Date.now();
        return 'pass';
      },
    });
    proxy.reset();
    uploadStart = undefined;
    const ref = await runCli(args(join(refDir, 'payload.bin')));
    proxy.setHooks(undefined);
    if (ref.code !== 0) throw new Error(`the ${name} run failed:\n${ref.stderr}`);
  }
  const fullRequests = proxy.stats().requests;
  const manifestPuts = proxy.stats().byKind['PUT manifest']?.requests ?? 0;
  const pushMs = Date.now() - (uploadStart ?? Date.now());
  // Two platform manifests, the index by digest, then the index under the tag.
  expect(manifestPuts).toBe(4);
  const plans: ((r: () => number) => KillPoint)[] = [
    (r) => ({ atRequest: 1 + Math.floor(r() * fullRequests) }),
    (r) => ({ msAfterUpload: Math.floor(r() * pushMs * 0.8) }),
    (r) => ({ atManifestPut: 1 + Math.floor(r() * manifestPuts) }),
  ];

  const report: string[] = [];
  let killed = 0;
  for (let round = 0; round < ROUNDS; round++) {
    // New content each round, so every round has blobs and manifests left to push.
    const dir = join(work, `r${round}`);
    mkdirSync(dir);
    const file = join(dir, 'payload.bin');
    writeSeededFile(file, 20 * MB, SEED + round + 1);
    const kill: KillPoint =
      round === ROUNDS - 1 ? { atManifestPut: manifestPuts } : plans[round % plans.length](random);
    const before = await checkTag(reg.host, 'killed/app', 'latest');
    const result = await runAndKill(file, kill);
    const after = await checkTag(reg.host, 'killed/app', 'latest');
    const so = `round ${round + 1}, killed ${describeKill(kill)} (${result.signal ?? 'exited first'}, ${result.requestsSeen} requests seen); rounds before:\n${report.join('\n')}\nits stderr:\n${result.stderr}`;
    // Whatever the tag points at now, every manifest and blob of it is there.
    if (!after.exists || after.missing.length > 0) {
      throw new Error(`tag broken after ${so}\nmissing: ${after.missing.join(', ')}`);
    }
    if (result.signal === 'SIGKILL') killed++;
    const moved = after.digest === before.digest ? 'tag unchanged' : 'tag moved';

    const rerun = await runCli(args(file));
    if (rerun.code !== 0) throw new Error(`run after the kill failed (${so}):\n${rerun.stderr}`);
    // A time-based kill may come after a fast push ended; one at a request cannot miss.
    if (!('msAfterUpload' in kill) && result.signal !== 'SIGKILL') {
      throw new Error(`a kill at a request missed: the run ended before it (${so})`);
    }
    const digest = String(rerun.json?.digest);
    const complete = await checkTag(reg.host, 'killed/app', 'latest');
    expect(complete).toMatchObject({ exists: true, digest, missing: [] });
    const inspected = (await skopeoInspect(`${reg.host}/killed/app:latest`)) as { Digest: string };
    expect(inspected.Digest).toBe(digest);
    report.push(
      `  round ${round + 1}: killed ${result.how} (${result.signal ?? 'exited first'}, ${result.requestsSeen} requests seen), ${moved}, ${after.blobs} blobs all present; next run pushed ${digest.slice(0, 19)}…`,
    );
  }
  console.log(
    [
      `SIGKILL mid-push, seed ${SEED}: a full push is ${fullRequests} requests, ${manifestPuts} manifest PUTs, ${pushMs} ms from the first upload`,
      ...report,
      `  killed ${killed}/${ROUNDS}; tags with missing blobs: 0; re-runs completed: ${ROUNDS}/${ROUNDS}`,
    ].join('\n'),
  );
}, 600_000);
