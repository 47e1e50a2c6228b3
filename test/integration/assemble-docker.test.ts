/**
 * Issue 13: `docker-command` takes a command with arguments, split as a shell splits words (with
 * quotes), with no shell run: podman with its settings given on the command itself, not through
 * a wrapper script, builds and pushes a Dockerfile with RUN through the CLI. Errors still name
 * the input.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { podmanEnv, podmanRun, skopeoInspect } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { errorLines, slipway } from '../fixtures/kinds';
import { makeTempDir, removeTempDir, run } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

let reg: TestRegistry;
let work: string;
let store: string;
let project: string;

beforeAll(async () => {
  work = await makeTempDir('assemble-docker');
  // A folder name with a space: the command must quote it, and the split must keep it one word.
  // Short: podman refuses a runroot path longer than 50 characters.
  store = join(await makeTempDir('dc'), 'a b');
  mkdirSync(join(store, 'tmp'), { recursive: true });
  reg = await startRegistry();
  await seedBusyboxBase(reg, 'base/busybox:1');
  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'Dockerfile'),
    `FROM ${reg.host}/base/busybox:1\nRUN echo made-by-run > /made\n`,
  );
});

afterAll(async () => {
  await reg?.stop();
  if (store) await removeTempDir(join(store, '..'));
  if (work) await removeTempDir(work);
});

/** podman and its settings as one docker-command, each argument single-quoted as in a shell. */
function podmanCommand(): { command: string; env: Record<string, string> } {
  const { args, env } = podmanEnv(store);
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  return {
    command: ['podman', ...args.map(quote)].join(' '),
    env: { CONTAINERS_CONF: env.CONTAINERS_CONF ?? '', TMPDIR: env.TMPDIR ?? '' },
  };
}

function buildArgs(command: string, repo: string): string[] {
  return [
    'build',
    '--working-directory',
    project,
    '--dockerfile',
    'Dockerfile',
    '--image',
    `${reg.host}/${repo}`,
    '--tags',
    '1',
    '--docker-command',
    command,
    '--insecure-registry',
    'true',
    '--json',
  ];
}

it('podman with arguments (a quoted path with a space among them) builds and pushes a Dockerfile with RUN', async () => {
  const { command, env } = podmanCommand();
  expect(command).toContain("'--storage-driver' 'vfs'");
  expect(command).toContain(`'${join(store, 'root')}'`);
  const res = await slipway(work, reg, buildArgs(command, 'acme/with-run'), env);
  expect(res.stderr).not.toContain('not found on PATH');
  expect(res.code).toBe(0);
  expect(res.json?.pushed).toBe(true);
  const digest = String(res.json?.digest);
  const inspected = (await skopeoInspect(`${reg.host}/acme/with-run:1`)) as { Digest: string };
  expect(inspected.Digest).toBe(digest);
  // The store podman was told to use on the command line holds what it built.
  const listed = await run(
    'podman',
    [...podmanEnv(store).args, 'images', '--format', '{{.Repository}}:{{.Tag}}'],
    { env },
  );
  expect(listed.stdout.split('\n')).toContain(`${reg.host}/acme/with-run:1`);
  const made = await podmanRun(`${reg.host}/acme/with-run@${digest}`, ['cat', '/made']);
  expect(made.stdout.trim()).toBe('made-by-run');
});

it('a program that is not installed is named with the whole input', async () => {
  const res = await slipway(
    work,
    reg,
    buildArgs('no-such-podman --storage-driver vfs', 'acme/missing'),
  );
  expect(res.code).toBe(2);
  expect(errorLines(res)).toEqual([
    'slipway: error: Input "docker-command": no-such-podman (of "no-such-podman --storage-driver vfs") was not found on PATH; install docker or podman, or set docker-command to one that is installed.',
  ]);
});

it('an unterminated quote is refused, naming the input', async () => {
  const res = await slipway(work, reg, buildArgs("podman --root '/tmp/x", 'acme/quote'));
  expect(res.code).toBe(2);
  expect(errorLines(res)).toEqual([
    `slipway: error: Input "docker-command": "podman --root '/tmp/x" cannot be split into words (unterminated single quote); close the quote or escape it with a backslash.`,
  ]);
});
