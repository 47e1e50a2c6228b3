/**
 * Issue 6: eight runs at once push different tags of one repository of a token-auth registry from
 * the same base; pairs of runs carry the same artifact, so identical blobs are uploaded at the
 * same moment. Every run succeeds, every tag holds the digest its run reported (and a dry run of
 * the same inputs computes), and every blob of every tag is there.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import { checkTag, listTags, writeSeededFile } from '../fixtures/faults';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const RUNS = 8;
const ARTIFACTS = 4;
const MB = 1024 * 1024;

let reg: TestRegistry;
let work: string;

beforeAll(async () => {
  work = await makeTempDir('reliability-concurrency');
  reg = await startRegistry({ auth: 'token' });
  await seedBusyboxBase(reg, 'base/multi:1', { platforms: ['linux/amd64', 'linux/arm64'] });
});
afterAll(async () => {
  await reg?.stop();
  await removeTempDir(work);
});

it(`${RUNS} concurrent runs push ${RUNS} tags of one repository from one base`, async () => {
  const files: string[] = [];
  for (let i = 0; i < ARTIFACTS; i++) {
    const dir = join(work, `a${i}`);
    mkdirSync(dir);
    files.push(join(dir, 'payload.bin'));
    writeSeededFile(files[i], 5 * MB, 4000 + i);
  }
  const common = (file: string): string[] => [
    'build',
    '--artifact',
    file,
    '--artifact-path',
    '/data/',
    '--base-image',
    `${reg.host}/base/multi:1`,
    '--username',
    reg.username ?? '',
    '--json',
  ];
  const env = { SLIPWAY_PASSWORD: reg.password ?? '' };
  const expected = await Promise.all(
    files.map(async (file) => {
      const dry = await runCli(
        [...common(file), '--image', `${reg.host}/shared/app`, '--output', 'none'],
        { env },
      );
      if (dry.code !== 0) throw new Error(`dry run failed:\n${dry.stderr}`);
      return String(dry.json?.digest);
    }),
  );

  const tokenRequestsBefore = reg.tokenServer?.requests.length ?? 0;
  const started = Date.now();
  const results = await Promise.all(
    Array.from({ length: RUNS }, (_, run) =>
      runCli(
        [
          ...common(files[run % ARTIFACTS]),
          '--image',
          `${reg.host}/shared/app`,
          '--tags',
          `run-${run}`,
        ],
        { env },
      ),
    ),
  );
  const seconds = (Date.now() - started) / 1000;
  for (const [run, res] of results.entries()) {
    if (res.code !== 0) throw new Error(`run ${run} failed (${res.code}):\n${res.stderr}`);
    expect(res.stderr).not.toContain(reg.password);
  }

  const digests = results.map((r) => String(r.json?.digest));
  const read = {
    bearer: reg.tokenServer?.issueToken(reg.username, ['repository:shared/app:pull']) ?? '',
  };
  expect(digests).toEqual(Array.from({ length: RUNS }, (_, run) => expected[run % ARTIFACTS]));
  expect((await listTags(reg.host, 'shared/app', read)).sort()).toEqual(
    Array.from({ length: RUNS }, (_, run) => `run-${run}`).sort(),
  );
  let blobs = 0;
  for (let run = 0; run < RUNS; run++) {
    const inspected = (await skopeoInspect(`${reg.host}/shared/app:run-${run}`, {
      creds: reg.creds,
    })) as { Digest: string };
    expect(inspected.Digest).toBe(digests[run]);
    const check = await checkTag(reg.host, 'shared/app', `run-${run}`, read);
    expect(check).toMatchObject({ exists: true, digest: digests[run], missing: [] });
    blobs += check.blobs;
  }
  console.log(
    `${RUNS} concurrent runs (${ARTIFACTS} artifacts of 5 MiB on a 2-platform base, token auth): ` +
      `all succeeded in ${seconds.toFixed(1)} s, ${RUNS} tags with the digests of dry runs, ` +
      `${blobs} blob references all present, ${(reg.tokenServer?.requests.length ?? 0) - tokenRequestsBefore} token requests`,
  );
}, 300_000);
