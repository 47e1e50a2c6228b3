/**
 * `build --all` shares one connection per registry between its projects: the sockets, the /v2/
 * ping and the tokens of scopes the projects have in common (the base image's pull), while each
 * project's push token stays scoped to its own repository. Counted at a proxy in front of a
 * token-authenticated registry (the token realm rewritten to come through it too), against one
 * ordinary `slipway build` of one of the projects.
 */
import path from 'node:path';
import type { ManyReport } from '../../src/run/many';
import { runCli } from '../fixtures/cli';
import { skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { createMonorepo } from '../fixtures/monorepo';
import type { Monorepo } from '../fixtures/monorepo';
import { removeTempDir } from '../fixtures/process';
import { startProxy } from '../fixtures/proxy';
import type { TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

/** The projects a commit touches: no Maven project, so that the test stays quick. */
const TOUCHED = [
  'airbyte/source-alpha',
  'airbyte/source-beta',
  'airbyte/source-gamma',
  'functions/exclaim',
];

let reg: TestRegistry;
let proxy: TestProxy;
let repo: Monorepo;
let common: string[];
let env: Record<string, string>;

interface Counts {
  connections: number;
  tokens: number;
  /** Every token request's scopes. */
  scopes: string[][];
}

/** Runs the CLI and counts what it cost at the proxy and the token server. */
async function counted(args: string[]): Promise<{ counts: Counts; stdout: string }> {
  proxy.reset();
  const server = reg.tokenServer;
  if (!server) throw new Error('the registry has no token server');
  const before = server.requests.length;
  const res = await runCli(args, { env });
  expect({ code: res.code, stderr: res.code === 0 ? '' : res.stderr }).toEqual({
    code: 0,
    stderr: '',
  });
  const tokenRequests = server.requests.slice(before);
  return {
    counts: {
      connections: proxy.stats().connections,
      tokens: tokenRequests.length,
      scopes: tokenRequests.map((r) => r.query.scope ?? []),
    },
    stdout: res.stdout,
  };
}

beforeAll(async () => {
  reg = await startRegistry({ auth: 'token' });
  proxy = await startProxy(reg.host, undefined, { proxyRealm: true });
  await seedBusyboxBase(reg, 'base/runner:1', { runnerLike: true });
  repo = await createMonorepo();
  await repo.commit(
    'touch four projects',
    Object.fromEntries(TOUCHED.map((dir) => [`${dir}/NOTES.md`, 'touched\n'])),
  );
  env = { SLIPWAY_PASSWORD: reg.password ?? '' };
  common = [
    '--username',
    reg.username ?? '',
    // Every default base (Docker Hub's runners, Airbyte's) is out of reach here.
    '--base-image',
    `${proxy.host}/base/runner:1`,
    '--tags',
    '1.0.0',
    '--sbom',
    'false',
    '--json',
  ];
}, 300_000);
afterAll(async () => {
  await proxy.stop();
  await reg.stop();
  await removeTempDir(repo.root);
});

it('build --all over N projects opens fewer connections and asks for fewer tokens than N single runs', async () => {
  // One ordinary run of one of the projects, with the inputs discovery gives it.
  const discovered = await runCli(
    ['discover', '--json', '--changed-since', 'HEAD~1', '--image-prefix', `${proxy.host}/single`],
    { cwd: repo.root },
  );
  const projects = (
    JSON.parse(discovered.stdout) as { projects: Array<{ inputs: Record<string, string> }> }
  ).projects;
  expect(projects).toHaveLength(TOUCHED.length);
  const own = projects[0].inputs;
  const flags = Object.entries(own).flatMap(([name, value]) =>
    name === 'working-directory'
      ? ['--working-directory', path.join(repo.root, value)]
      : [`--${name}`, value],
  );
  const single = await counted(['build', ...flags, ...common]);

  const all = await counted([
    'build',
    '--all',
    '--changed-since',
    'HEAD~1',
    '--working-directory',
    repo.root,
    '--image-prefix',
    `${proxy.host}/many`,
    // Two at a time: each run keeps a few requests in flight, so shared sockets show best when
    // fewer projects run at once than there are.
    '--concurrency',
    '2',
    ...common,
  ]);
  const report = JSON.parse(all.stdout) as ManyReport;
  const n = report.projects.length;
  expect(n).toBe(TOUCHED.length);
  expect(report.failed).toBe(0);

  // A single run opens a few connections and asks for a few tokens (the base's pull, the push,
  // and both for mounting the base's layers); N of them, N times that. Shared, the sockets serve
  // every project and the base's pull token is asked for once.
  expect(single.counts.connections).toBeGreaterThan(0);
  expect(single.counts.tokens).toBeGreaterThan(1);
  expect(all.counts.connections).toBeLessThan(n * single.counts.connections);
  expect(all.counts.tokens).toBeLessThan(n * single.counts.tokens);
  const baseOnly = (c: Counts): number =>
    c.scopes.filter((s) => s.length === 1 && s[0] === 'repository:base/runner:pull').length;
  expect(baseOnly(single.counts)).toBe(1);
  expect(baseOnly(all.counts)).toBe(1);

  // Tokens stay per repository: no token request asks for push to more than one repository,
  // and each project's push scope names its own repository.
  for (const scopes of all.counts.scopes) {
    expect(scopes.filter((s) => /:(.*,)?push\b/.test(s)).length).toBeLessThanOrEqual(1);
  }
  const pushed = all.counts.scopes
    .flat()
    .filter((s) => /:(.*,)?push\b/.test(s))
    .map((s) => s.split(':')[1]);
  expect([...new Set(pushed)].sort()).toEqual(
    report.projects.map((p) => p.image.slice(`${proxy.host}/`.length)).sort(),
  );

  for (const p of report.projects) {
    const info = (await skopeoInspect(`${reg.host}/${p.image.slice(proxy.host.length + 1)}:1.0.0`, {
      creds: reg.creds,
    })) as { Digest: string };
    expect(info.Digest).toBe(p.outputs?.digest);
  }
}, 600_000);
