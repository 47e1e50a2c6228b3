/**
 * Issue 13: an Airbyte Java connector on a base that ships /airbyte/base.sh (and javabase.sh)
 * without the execute bit, as airbyte/java-connector-base's `ADD` leaves them before its
 * `chmod +x`: the native build makes them executable in the connector's layer (the base's bytes,
 * 0755, airbyte:airbyte as Airbyte's Dockerfile.java-connector does) and says so in the history,
 * so the image answers `spec` under podman where the base's own entrypoint cannot even start. A
 * base that already has the bit gets no copy.
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { podmanBuild, podmanPush, podmanRun, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { slipway, statInImage } from '../fixtures/kinds';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const SPEC = '{"type":"SPEC","spec":{"connectionSpecification":{}}}';

let reg: TestRegistry;
let work: string;
let noBitBase: string;
let withBitBase: string;

/** Stand-in for airbyte/java-connector-base: busybox, the airbyte user's /airbyte, both scripts. */
async function javaBase(name: string, mode: '0644' | '0755'): Promise<string> {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  // As Airbyte's base.sh: run the command for the operation through javabase.sh.
  writeFileSync(join(dir, 'base.sh'), '#!/bin/sh\nexec /airbyte/javabase.sh "$@"\n');
  writeFileSync(join(dir, 'javabase.sh'), '#!/bin/sh\nexec "/airbyte/bin/$APPLICATION" "$@"\n');
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      `FROM ${reg.host}/base/busybox:1`,
      `COPY --chown=1000:1000 --chmod=${mode} base.sh javabase.sh /airbyte/`,
      'USER 1000:1000',
      '',
    ].join('\n'),
  );
  const image = `${reg.host}/base/${name}:1`;
  await podmanBuild(dir, join(dir, 'Dockerfile'), image);
  await podmanPush(image);
  return image;
}

/** A Gradle-like distribution whose start script answers `spec`. */
async function javaConnector(): Promise<string> {
  const dir = join(work, `destination-x-${Math.random().toString(36).slice(2, 8)}`);
  mkdirSync(join(dir, 'build/distributions'), { recursive: true });
  writeFileSync(
    join(dir, 'metadata.yaml'),
    'data:\n  connectorType: destination\n  dockerRepository: acme/destination-x\n  dockerImageTag: 0.3.1\n  name: X\n',
  );
  const pack = tar.pack();
  pack.entry({ name: 'destination-x/', type: 'directory', mode: 0o755 });
  pack.entry({ name: 'destination-x/bin/', type: 'directory', mode: 0o755 });
  pack.entry(
    { name: 'destination-x/bin/destination-x', mode: 0o755 },
    `#!/bin/sh\n[ "$1" = spec ] && echo '${SPEC}'\n`,
  );
  pack.entry({ name: 'destination-x/lib/destination-x.jar', mode: 0o644 }, 'PK');
  pack.finalize();
  await pipeline(pack, createWriteStream(join(dir, 'build/distributions/destination-x.tar')));
  return dir;
}

interface ConfigWithHistory {
  history?: { created_by?: string }[];
}

async function historyOf(ref: string): Promise<string[]> {
  const config = (await skopeoInspect(ref, { config: true })) as ConfigWithHistory;
  return (config.history ?? []).map((h) => h.created_by ?? '');
}

beforeAll(async () => {
  work = await makeTempDir('kinds-airbyte-java');
  reg = await startRegistry();
  await seedBusyboxBase(reg, 'base/busybox:1');
  noBitBase = await javaBase('java-base-no-bit', '0644');
  withBitBase = await javaBase('java-base-with-bit', '0755');
});

afterAll(async () => {
  await reg?.stop();
  if (work) await removeTempDir(work);
});

function build(dir: string, base: string, repo: string): string[] {
  return [
    'build',
    '--working-directory',
    dir,
    '--base-image',
    base,
    '--image',
    `${reg.host}/${repo}`,
    '--json',
  ];
}

it('base.sh without the execute bit in the base is made executable in the layer, and the image answers spec', async () => {
  // The base itself cannot start its entrypoint script.
  const before = await podmanRun(noBitBase, ['spec'], { entrypoint: '/airbyte/base.sh' });
  expect(before.code).not.toBe(0);
  expect(before.stderr).toMatch(/permission denied/i);

  const dir = await javaConnector();
  const res = await slipway(work, reg, build(dir, noBitBase, 'acme/destination-x'));
  expect(res.code).toBe(0);
  expect(res.stderr).toContain(
    'the base has /airbyte/base.sh without the execute bit (mode 0644); the layer makes it 0755, owned by 1000:1000',
  );
  expect(res.stderr).toContain('the base has /airbyte/javabase.sh without the execute bit');
  const ref = `${reg.host}/acme/destination-x@${String(res.json?.digest)}`;

  expect(await statInImage(ref, ['/airbyte/base.sh', '/airbyte/javabase.sh'])).toEqual([
    expect.stringMatching(/^1000:1000 755 \d+ \/airbyte\/base\.sh$/),
    expect.stringMatching(/^1000:1000 755 \d+ \/airbyte\/javabase\.sh$/),
  ]);
  const spec = await podmanRun(ref, ['spec']);
  expect(spec.code).toBe(0);
  expect(spec.stdout.trim()).toBe(SPEC);

  // The layer's history entry says what it copied from the base and why the mode changed.
  const layerEntry = (await historyOf(ref)).find((h) => h.startsWith('COPY '));
  expect(layerEntry).toContain(
    `COPY --from=${noBitBase} --chown=1000:1000 --chmod=755 /airbyte/base.sh /airbyte/base.sh`,
  );
  expect(layerEntry).toContain('/airbyte/javabase.sh /airbyte/javabase.sh');
  expect(layerEntry).toMatch(/ # slipway$/);
});

it('a base whose scripts are executable gets no copy of them', async () => {
  const dir = await javaConnector();
  const res = await slipway(work, reg, build(dir, withBitBase, 'acme/destination-y'));
  expect(res.code).toBe(0);
  expect(res.stderr).not.toContain('without the execute bit');
  const ref = `${reg.host}/acme/destination-y@${String(res.json?.digest)}`;
  const history = await historyOf(ref);
  expect(history.join('\n')).not.toContain('COPY --from=');
  const spec = await podmanRun(ref, ['spec']);
  expect(spec.stdout.trim()).toBe(SPEC);
});
