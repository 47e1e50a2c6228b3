/**
 * Issue 6: a corpus of bad inputs (exit 2) and hostile registry behaviours (exit 1), each run
 * through the real CLI with its expected one-line error. Afterwards: nothing was pushed (no blob
 * bytes crossed the proxy for bad inputs, no tag exists in any target repository) and no output
 * holds the registry password or its Basic encoding.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { basename, join } from 'node:path';
import tar from 'tar-stream';
import { runCli } from '../fixtures/cli';
import type { CliResult } from '../fixtures/cli';
import { catalog, httpRequest, listTags } from '../fixtures/faults';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { registryErrorReply, startProxy } from '../fixtures/proxy';
import type { ProxyDecision, ProxyRequestInfo, ProxyStats, TestProxy } from '../fixtures/proxy';
import { listenOnLoopback } from '../fixtures/ports';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import {
  classPath,
  CLASS,
  elfHeader,
  forgeDeclaredSize,
  narEntries,
  renameEntry,
  zipBuffer,
} from '../unit/connector-fixtures';

let reg: TestRegistry;
let proxy: TestProxy;
let work: string;
/** A folder outside every root an artifact may come from (not the temp dir, not the repo). */
let outside: string;
const servers: http.Server[] = [];
const proxies: TestProxy[] = [];
const registries: TestRegistry[] = [];

beforeAll(async () => {
  work = await makeTempDir('reliability-hostile');
  outside = join('/var/tmp', work.split('/').pop() ?? 'slipway-hostile');
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'secret.txt'), 'not for any image\n');
  writeFileSync(join(outside, 'manifest.yaml'), 'spec: {}\n');
  reg = await startRegistry({ auth: 'htpasswd' });
  proxy = await startProxy(reg.host);
  await seedBusyboxBase(reg, 'base/busybox:1');
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  for (const p of proxies) await p.stop();
  for (const r of registries) await r.stop();
  await proxy?.stop();
  await reg?.stop();
  await removeTempDir(work);
  await removeTempDir(outside);
});

interface Case {
  name: string;
  /** Writes the case's files into its working directory; returns the CLI arguments. */
  args: (dir: string, host: string) => string[] | Promise<string[]>;
  code: 1 | 2;
  message: RegExp;
}

const IO_YAML = 'name: x\nsinkClass: org.acme.Sink\n';
const HEX = 'a'.repeat(64);

function file(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, content);
  return path;
}

async function nar(extra: Record<string, string | Buffer> = {}): Promise<Buffer> {
  return zipBuffer({
    ...(await narEntries({ ioYaml: IO_YAML, rootClasses: ['org.acme.Sink'] })),
    ...extra,
  });
}

function tarBuffer(entries: Partial<tar.Header>[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    pack.entry({ name: '', ...e }, e.type === 'file' || e.type === undefined ? 'x' : '');
  }
  pack.finalize();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pack.on('data', (c: unknown) => {
      chunks.push(c as Buffer);
    });
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
  });
}

const METADATA =
  'data:\n  connectorType: source\n  dockerRepository: acme/source-x\n  dockerImageTag: 0.3.1\n  name: X\n';

/**
 * The package folder an Airbyte Python connector without pyproject.toml is copied from (besides
 * main.py): its folder's name in snake case, as airbyte-ci takes it.
 */
const airbytePackage = (dir: string): string => basename(dir).replace(/-/g, '_');

/** A plain file: packaged with base-image and artifact-path (the happy path these break). */
const plain = (dir: string): string[] => [
  '--artifact',
  file(dir, 'payload.bin', 'payload'),
  '--artifact-path',
  '/data/',
];

const BAD_INPUTS: Case[] = [
  // --- references, tags, platforms and other inputs -------------------------------------------
  {
    name: 'image with upper case',
    args: (d, h) => [...plain(d), '--image', `${h}/Bad/Name`],
    code: 2,
    message: /input "image": image reference .*Bad\/Name/,
  },
  {
    name: 'image with a tag',
    args: (d, h) => [...plain(d), '--image', `${h}/bad/x:1`],
    code: 2,
    message: /takes a repository only/,
  },
  {
    name: 'image with a digest',
    args: (d, h) => [...plain(d), '--image', `${h}/bad/x@sha256:${HEX}`],
    code: 2,
    message: /takes a repository only/,
  },
  {
    name: 'image as a URL',
    args: (d, h) => [...plain(d), '--image', `http://${h}/bad/x`],
    code: 2,
    message: /must not start with a URL scheme/,
  },
  {
    name: 'image with whitespace',
    args: (d, h) => [...plain(d), '--image', `${h}/bad x`],
    code: 2,
    message: /contains whitespace/,
  },
  {
    name: 'image with an empty path component',
    args: (d, h) => [...plain(d), '--image', `${h}/bad//x`],
    code: 2,
    message: /input "image": image reference/,
  },
  {
    name: 'image name too long',
    args: (d, h) => [...plain(d), '--image', `${h}/bad/${'a'.repeat(300)}`],
    code: 2,
    message: /longer than/,
  },
  {
    name: 'no image to push to',
    args: (d) => [...plain(d), '--image', ''],
    code: 2,
    message: /Input "image" is required/,
  },
  {
    name: 'tag with a space and !',
    args: (d) => [...plain(d), '--tags', 'bad tag!'],
    code: 2,
    message: /invalid character/,
  },
  {
    name: 'tag starting with -',
    args: (d) => [...plain(d), '--tags=-x'],
    code: 2,
    message: /must start with a letter/,
  },
  {
    name: 'tag starting with .',
    args: (d) => [...plain(d), '--tags', '.x'],
    code: 2,
    message: /must start with a letter/,
  },
  {
    name: 'tag too long',
    args: (d) => [...plain(d), '--tags', 'a'.repeat(129)],
    code: 2,
    message: /longer than 128/,
  },
  {
    name: 'tag with a colon',
    args: (d) => [...plain(d), '--tags', 'a:b'],
    code: 2,
    message: /invalid character/,
  },
  {
    name: 'platform without architecture',
    args: (d) => [...plain(d), '--platforms', 'linux'],
    code: 2,
    message: /platform "linux" is malformed/,
  },
  {
    name: 'platform with four parts',
    args: (d) => [...plain(d), '--platforms', 'linux/arm64/v8/x'],
    code: 2,
    message: /is malformed/,
  },
  {
    name: 'platform with an unknown os',
    args: (d) => [...plain(d), '--platforms', 'beos/amd64'],
    code: 2,
    message: /unknown operating system/,
  },
  {
    name: 'platform with an unknown architecture',
    args: (d) => [...plain(d), '--platforms', 'linux/z80'],
    code: 2,
    message: /unknown architecture/,
  },
  {
    name: 'platform with a bad variant',
    args: (d) => [...plain(d), '--platforms', 'linux/arm/v7!'],
    code: 2,
    message: /invalid variant/,
  },
  {
    name: 'platform the base does not have',
    args: (d) => [...plain(d), '--platforms', 'linux/s390x'],
    code: 2,
    message: /has no linux\/s390x/,
  },
  {
    name: 'base image with upper case',
    args: (d, h) => [...plain(d), '--base-image', `${h}/Base/busybox:1`],
    code: 2,
    message: /input "base-image"/,
  },
  {
    name: 'base image with a short digest',
    args: (d, h) => [...plain(d), '--base-image', `${h}/base/busybox@sha256:abc`],
    code: 2,
    message: /is malformed/,
  },
  {
    name: 'base image with a sha512 digest',
    args: (d, h) => [...plain(d), '--base-image', `${h}/base/busybox@sha512:${'b'.repeat(128)}`],
    code: 2,
    message: /not supported/,
  },
  {
    name: 'max-retries negative',
    args: (d) => [...plain(d), '--max-retries=-1'],
    code: 2,
    message: /"max-retries" must be a whole number/,
  },
  {
    name: 'request-timeout not a whole number',
    args: (d) => [...plain(d), '--request-timeout', '1.5'],
    code: 2,
    message: /"request-timeout" must be a whole number/,
  },
  {
    name: 'unknown output',
    args: (d) => [...plain(d), '--output', 's3://bucket'],
    code: 2,
    message: /"output" must be registry, oci:DIR or none/,
  },
  {
    name: 'unknown if-exists policy',
    args: (d) => [...plain(d), '--if-exists', 'maybe'],
    code: 2,
    message:
      /'--if-exists <value>' argument 'maybe' is invalid\. Allowed choices are .*overwrite, skip, fail/,
  },
  {
    name: 'unknown connector type',
    args: (d) => [...plain(d), '--connector-type', 'kafka-source'],
    code: 2,
    message: /Allowed choices/,
  },
  {
    name: 'boolean that is not true or false',
    args: (d) => [...plain(d), '--insecure-registry', 'yes'],
    code: 2,
    message: /"insecure-registry" must be true or false/,
  },
  {
    name: 'label without =',
    args: (d) => [...plain(d), '--labels', 'novalue'],
    code: 2,
    message: /"novalue" is not key=value/,
  },
  {
    name: 'relative artifact-path',
    args: (d) => [...plain(d).slice(0, 2), '--artifact-path', 'data/'],
    code: 2,
    message: /"artifact-path" must be an absolute path/,
  },
  {
    name: 'verify without a registry',
    args: (d) => [...plain(d), '--verify', '--output', 'none'],
    code: 2,
    message: /"verify" runs the pushed image/,
  },
  // --- artifact paths -------------------------------------------------------------------------
  {
    name: 'artifact escaping with ..',
    args: () => ['--artifact', '../../../../../../etc/hostname', '--artifact-path', '/data/'],
    code: 2,
    message: /outside/,
  },
  {
    name: 'artifact at an absolute path outside the allowed roots',
    args: () => ['--artifact', join(outside, 'secret.txt'), '--artifact-path', '/data/'],
    code: 2,
    message: /outside/,
  },
  {
    name: 'artifact that is a symlink out of the working directory',
    args: (d) => {
      symlinkSync(join(outside, 'secret.txt'), join(d, 'payload.bin'));
      return ['--artifact', 'payload.bin', '--artifact-path', '/data/'];
    },
    code: 2,
    message: /outside/,
  },
  {
    name: 'artifact found through a symlinked folder out of the working directory',
    args: async (d) => {
      file(outside, 'nars/x.nar', await nar());
      symlinkSync(join(outside, 'nars'), join(d, 'target'));
      return ['--artifact-path', '/data/'];
    },
    code: 2,
    message: /outside/,
  },
  {
    name: 'airbyte manifest that is a symlink out of the working directory',
    args: (d) => {
      file(d, 'metadata.yaml', METADATA);
      symlinkSync(join(outside, 'manifest.yaml'), join(d, 'manifest.yaml'));
      return [];
    },
    code: 2,
    message: /outside/,
  },
  {
    name: 'missing artifact',
    args: () => ['--artifact', 'missing.bin', '--artifact-path', '/data/'],
    code: 2,
    message: /missing.bin does not exist/,
  },
  {
    name: 'artifact glob matching nothing',
    args: () => ['--artifact', 'target/*.nar'],
    code: 2,
    message: /matches nothing/,
  },
  {
    name: 'artifact glob matching several',
    args: (d) => {
      file(d, 'target/a.nar', 'x');
      file(d, 'target/b.nar', 'x');
      return ['--artifact', 'target/*.nar'];
    },
    code: 2,
    message: /Several artifacts match/,
  },
  {
    name: 'working directory that does not exist',
    args: (d) => [...plain(d), '--working-directory', join(d, 'nope')],
    code: 2,
    message: /is not a directory/,
  },
  {
    name: 'Dockerfile copying from outside the context',
    args: (d, h) => {
      file(d, 'Dockerfile', `FROM ${h}/base/busybox:1\nCOPY ../secret.txt /x\n`);
      return ['--dockerfile', 'Dockerfile'];
    },
    code: 2,
    message: /outside the build context/,
  },
  {
    name: 'Dockerfile copying a symlink out of the context',
    args: (d, h) => {
      symlinkSync(join(outside, 'secret.txt'), join(d, 'link.txt'));
      file(d, 'Dockerfile', `FROM ${h}/base/busybox:1\nCOPY link.txt /x\n`);
      return ['--dockerfile', 'Dockerfile'];
    },
    code: 2,
    message: /symbolic link|outside/,
  },
  {
    name: 'airbyte components.py that is a relative link climbing out of the project',
    args: (d) => {
      file(d, 'metadata.yaml', METADATA);
      file(
        d,
        'manifest.yaml',
        readFileSync(join(__dirname, '../../examples/airbyte-declarative-source/manifest.yaml')),
      );
      const up = '../'.repeat(d.split('/').length);
      symlinkSync(`${up}${outside.slice(1)}/secret.txt`, join(d, 'components.py'));
      return [];
    },
    code: 2,
    message: /components\.py leads to .*secret\.txt, which is outside the project/,
  },
  {
    name: 'airbyte python folder holding a link that climbs out of it',
    args: (d) => {
      file(d, 'metadata.yaml', METADATA);
      file(d, 'main.py', 'print(1)\n');
      const pkg = airbytePackage(d);
      mkdirSync(join(d, pkg), { recursive: true });
      symlinkSync('../../../../../../../../etc/hostname', join(d, pkg, 'host.txt'));
      return [];
    },
    code: 2,
    message: /_it\/host\.txt is a symbolic link to .*, which leaves .*replace it with the file/,
  },
  {
    name: 'airbyte python folder holding an absolute link',
    args: (d) => {
      file(d, 'metadata.yaml', METADATA);
      file(d, 'main.py', 'print(1)\n');
      const pkg = airbytePackage(d);
      mkdirSync(join(d, pkg), { recursive: true });
      symlinkSync(join(outside, 'secret.txt'), join(d, pkg, 'creds.json'));
      return [];
    },
    code: 2,
    message: /creds\.json is a symbolic link to .*secret\.txt, which is an absolute path/,
  },
  {
    name: 'Dockerfile copying through a linked folder out of the context',
    args: (d, h) => {
      symlinkSync(outside, join(d, 'sub'));
      file(d, 'Dockerfile', `FROM ${h}/base/busybox:1\nCOPY sub/secret.txt /x\n`);
      return ['--dockerfile', 'Dockerfile'];
    },
    code: 2,
    message:
      /source sub\/secret\.txt leads through a symbolic link to .*secret\.txt, outside the build context/,
  },
  {
    name: 'Dockerfile wildcard matching a link out of the context',
    args: (d, h) => {
      file(d, 'conf/a.txt', 'a');
      symlinkSync(join(outside, 'secret.txt'), join(d, 'conf', 'b.txt'));
      file(d, 'Dockerfile', `FROM ${h}/base/busybox:1\nCOPY conf/*.txt /x/\n`);
      return ['--dockerfile', 'Dockerfile'];
    },
    code: 2,
    message:
      /source conf\/b\.txt leads through a symbolic link to .*secret\.txt, outside the build context/,
  },
  {
    name: 'dotenv report path that is a committed symlink',
    args: (d) => {
      symlinkSync(join(outside, 'secret.txt'), join(d, 'slipway.env'));
      return [...plain(d), '--dotenv', join(d, 'slipway.env')];
    },
    code: 2,
    message: /--dotenv .*slipway\.env is a symbolic link; Slipway never writes through links/,
  },
  {
    name: 'missing Dockerfile',
    args: () => ['--dockerfile', 'Dockerfile.none'],
    code: 2,
    message: /"dockerfile": Dockerfile.none does not exist/,
  },
  // --- archives ---------------------------------------------------------------------------------
  {
    name: 'NAR with a zip-slip entry',
    args: async (d) => {
      const zip = renameEntry(await nar({ 'xx/xx/evil.txt': 'x' }), 'xx/xx/evil', '../../evil');
      return ['--artifact', file(d, 'x.nar', zip)];
    },
    code: 2,
    message: /zip slip/,
  },
  {
    name: 'NAR with an absolute entry',
    args: async (d) => {
      const zip = renameEntry(await nar({ 'Xetc/evil.txt': 'x' }), 'Xetc/evil', '/etc/evil');
      return ['--artifact', file(d, 'x.nar', zip)];
    },
    code: 2,
    message: /zip slip/,
  },
  {
    name: 'NAR declaring 12 GiB (zip bomb)',
    args: async (d) => {
      let zip = await nar({ 'a.bin': 'a', 'b.bin': 'b', 'c.bin': 'c' });
      for (const n of ['a.bin', 'b.bin', 'c.bin']) zip = forgeDeclaredSize(zip, n, 0xfffffff0);
      return ['--artifact', file(d, 'x.nar', zip)];
    },
    code: 2,
    message: /zip bomb/,
  },
  {
    name: 'NAR whose pulsar-io.yaml declares 3 GB',
    args: async (d) => {
      const zip = forgeDeclaredSize(await nar(), 'META-INF/services/pulsar-io.yaml', 3e9);
      return ['--artifact', file(d, 'x.nar', zip)];
    },
    code: 2,
    message: /zip bomb/,
  },
  {
    name: 'NAR entry with a forged compression ratio',
    args: async (d) => {
      const zip = forgeDeclaredSize(await nar(), 'META-INF/services/pulsar-io.yaml', 900_000);
      return ['--artifact', file(d, 'x.nar', zip)];
    },
    code: 2,
    message: /compression ratio deflate cannot reach|cannot be read/,
  },
  {
    name: 'corrupt NAR',
    args: (d) => [
      '--artifact',
      file(d, 'x.nar', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(500, 7)])),
    ],
    code: 2,
    message: /not a (readable|valid) zip archive/,
  },
  {
    name: 'truncated NAR',
    args: async (d) => {
      const zip = await nar({ 'big.bin': Buffer.alloc(4000, 1) });
      return ['--artifact', file(d, 'x.nar', zip.subarray(0, zip.length >> 1))];
    },
    code: 2,
    message: /not a (readable|valid) zip archive/,
  },
  {
    name: 'NAR that is not a zip at all',
    args: (d) => ['--artifact', file(d, 'x.nar', 'just text\n')],
    code: 2,
    message: /is not a zip archive/,
  },
  {
    name: 'NAR without pulsar-io.yaml',
    args: async (d) => [
      '--artifact',
      file(d, 'x.nar', await zipBuffer(await narEntries({ rootClasses: ['org.acme.Sink'] }))),
      '--connector-type',
      'pulsar-sink',
      '--artifact-format',
      'nar',
    ],
    code: 2,
    message: /pulsar-io.yaml/,
  },
  {
    name: 'NAR with malformed pulsar-io.yaml',
    args: async (d) => [
      '--artifact',
      file(
        d,
        'x.nar',
        await zipBuffer(await narEntries({ ioYaml: 'name: [unclosed\n', rootClasses: [] })),
      ),
    ],
    code: 2,
    message: /pulsar-io.yaml/,
  },
  {
    name: 'NAR without the class it names',
    args: async (d) => [
      '--artifact',
      file(d, 'x.nar', await zipBuffer(await narEntries({ ioYaml: IO_YAML, rootClasses: [] }))),
    ],
    code: 2,
    message: /org\.acme\.Sink/,
  },
  {
    name: 'Python function zip with a zip-slip entry',
    args: async (d) => {
      const zip = renameEntry(await zipBuffer({ 'fn.py': 'x', 'xx/ev.py': 'x' }), 'xx/ev', '../ev');
      return ['--artifact', file(d, 'fn.zip', zip), '--connector-type', 'pulsar-function'];
    },
    code: 2,
    message: /zip slip/,
  },
  {
    name: 'corrupt wheel',
    args: (d) => [
      '--artifact',
      file(d, 'fn-1.0-py3-none-any.whl', 'not a wheel'),
      '--connector-type',
      'pulsar-function',
    ],
    code: 2,
    message: /is not a zip archive/,
  },
  {
    name: 'distribution tar with a .. entry',
    args: async (d) => {
      file(d, 'metadata.yaml', METADATA);
      const t = await tarBuffer([{ name: 'x/../../evil', type: 'file', size: 1 }]);
      return ['--artifact', file(d, 'build/distributions/x.tar', t)];
    },
    code: 2,
    message: /points outside the folder/,
  },
  {
    name: 'distribution tar with a symlink',
    args: async (d) => {
      file(d, 'metadata.yaml', METADATA);
      const t = await tarBuffer([{ name: 'x/lib/link', type: 'symlink', linkname: '/etc/passwd' }]);
      return ['--artifact', file(d, 'build/distributions/x.tar', t)];
    },
    code: 2,
    message: /only files and folders/,
  },
  {
    name: 'Go function for an unknown machine',
    args: (d) => [
      '--artifact',
      file(d, 'fn', Buffer.concat([elfHeader(2), Buffer.alloc(200)])),
      '--connector-type',
      'pulsar-function',
    ],
    code: 2,
    message: /cannot run as a Go function/,
  },
  {
    name: 'uber JAR connector without class-name',
    args: async (d) => [
      '--artifact',
      file(d, 'x.jar', await zipBuffer({ [classPath('org.acme.Sink')]: CLASS })),
      '--connector-type',
      'pulsar-sink',
      '--artifact-format',
      'uber-jar',
    ],
    code: 2,
    message: /class-name/,
  },
];

// ------------------------------------------------------------------------------------------------

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

function basicOf(r: TestRegistry): string {
  return Buffer.from(`${r.username}:${r.password}`).toString('base64');
}

interface Outcome {
  name: string;
  result: CliResult;
  expected: Case;
}

/** Runs `fn` over `items`, `limit` at a time. */
async function inBatches<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

async function runCase(c: Case, host: string, repo: string): Promise<Outcome> {
  const dir = join(work, slug(c.name));
  mkdirSync(dir, { recursive: true });
  const args = await c.args(dir, host);
  const result = await runCli(
    [
      'build',
      '--working-directory',
      dir,
      '--base-image',
      `${host}/base/busybox:1`,
      '--image',
      `${host}/${repo}`,
      '--tags',
      'pushed',
      '--username',
      reg.username ?? '',
      // Arguments given later win: a case can replace any of the above.
      ...args,
    ],
    // A cache of its own: each case must meet the registry's answer, not one a run before kept.
    { env: { SLIPWAY_PASSWORD: reg.password ?? '', SLIPWAY_CACHE_DIR: join(dir, 'cache') } },
  );
  return { name: c.name, result, expected: c };
}

/** Checks one outcome: exit code, exactly one error line matching, no secret. */
function verdict(o: Outcome): string | undefined {
  const { result, expected } = o;
  const output = `${result.stdout}\n${result.stderr}`;
  const errorLines = result.stderr.split('\n').filter((l) => /error:/.test(l));
  if (output.includes(reg.password ?? '\0') || output.includes(basicOf(reg))) {
    return 'leaked the password';
  }
  if (result.code !== expected.code) return `exit ${result.code}, not ${expected.code}`;
  if (errorLines.length !== 1) return `${errorLines.length} error lines`;
  if (!expected.message.test(errorLines[0])) return `message ${JSON.stringify(errorLines[0])}`;
  if (/\n\s+at /.test(result.stderr)) return 'printed a stack trace';
  return undefined;
}

it(`refuses ${BAD_INPUTS.length} bad inputs with exit 2 and one clear line, pushing nothing`, async () => {
  proxy.reset();
  const started = Date.now();
  const outcomes = await inBatches(BAD_INPUTS, 4, (c) =>
    runCase(c, proxy.host, `bad/${slug(c.name)}`),
  );
  const failures = outcomes
    .map((o) => ({ name: o.name, why: verdict(o), stderr: o.result.stderr }))
    .filter((f) => f.why !== undefined);
  const stats = proxy.stats();
  // Writes that store something: blob bytes and manifests. (An upload session opened while the
  // layer is built and abandoned stores nothing.)
  const pushes = stats.log.filter((e) => e.method === 'PUT' || e.method === 'PATCH');
  const sessions = stats.log.filter((e) => e.method === 'POST').length;
  const repos = (await catalog(reg.host, reg.creds)).filter((r) => r.startsWith('bad/'));
  console.log(
    [
      `bad inputs: ${outcomes.length} tried in ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
        `${outcomes.length - failures.length} refused as expected (exit 2, one line)`,
      `  registry requests: ${stats.requests}, upload sessions opened: ${sessions}, PUT/PATCH requests: ${pushes.length}, ` +
        `blob bytes uploaded: ${stats.uploadBytes}, repositories created: ${repos.length}, password leaks: 0`,
      ...failures.map((f) => `  UNEXPECTED ${f.name}: ${f.why}\n${f.stderr}`),
    ].join('\n'),
  );
  expect(failures.map((f) => `${f.name}: ${f.why}`)).toEqual([]);
  expect(outcomes.length).toBeGreaterThanOrEqual(40);
  expect(pushes).toEqual([]);
  expect(stats.uploadBytes).toBe(0);
  expect(repos).toEqual([]);
}, 300_000);

// --- hostile registries -------------------------------------------------------------------------

interface Helpers {
  /** A server on another origin that records what reaches it and answers 200. */
  capture: { host: string; seen: { method: string; url: string; authorization?: string }[] };
  /** A loopback token service with broken answers at /garbage, /huge and /refuse. */
  tokens: string;
  /** The base's config and layer descriptors. */
  config: { digest: string; size: number };
  layers: { digest: string; size: number }[];
  /** Another registry name (a second proxy) serving the base with its layers' bytes changed. */
  corruptBase: string;
}

interface HostileCase {
  name: string;
  onRequest: (req: ProxyRequestInfo, h: Helpers) => ProxyDecision | undefined;
  /** Extra arguments; may name the base from `corruptBase`. */
  args?: (h: Helpers) => string[];
  message: RegExp;
  /** Extra checks after the run. */
  after?: (h: Helpers, stats: ProxyStats, result: CliResult) => void;
}

const bearer = (realm: string): ProxyDecision => ({
  status: 401,
  headers: { 'www-authenticate': `Bearer realm="${realm}",service="hostile"` },
  body: '',
});
const ZERO_DIGEST = `sha256:${'0'.repeat(64)}`;
const isBase = (req: ProxyRequestInfo): boolean => req.repository === 'base/busybox';
const noRetries = (_h: Helpers, _s: ProxyStats, r: CliResult): void => {
  expect(r.stderr).not.toMatch(/Retrying in/);
};

const HOSTILE: HostileCase[] = [
  {
    name: 'blob HEAD redirected to another host',
    onRequest: (req, h) =>
      req.method === 'HEAD' && req.kind === 'blob' && !isBase(req)
        ? { status: 307, headers: { location: `http://${h.capture.host}${req.url}` } }
        : undefined,
    message: /manifest .* failed \(HTTP 400 MANIFEST_BLOB_UNKNOWN/,
    after: (h) => {
      expect(h.capture.seen.length).toBeGreaterThan(0);
      expect(h.capture.seen.filter((r) => r.authorization !== undefined)).toEqual([]);
    },
  },
  {
    name: 'manifest PUT redirected to another host',
    onRequest: (req, h) =>
      req.method === 'PUT' && req.kind === 'manifest'
        ? { status: 307, headers: { location: `http://${h.capture.host}${req.url}` } }
        : undefined,
    message:
      /manifest sha256:[0-9a-f]{64} for .* failed \(HTTP 307\): the registry redirected a request/,
  },
  {
    name: 'token realm on plain HTTP at another host',
    onRequest: () => bearer('http://auth.registry.example/token'),
    message: /token realm http:\/\/auth\.registry\.example\/token on plain HTTP/,
  },
  {
    name: 'token realm that is not http or https',
    onRequest: () => bearer('file:///etc/passwd'),
    message: /not an http or https URL; refusing to send credentials there/,
  },
  {
    name: 'token service answering HTML',
    onRequest: (_req, h) => bearer(`http://${h.tokens}/garbage`),
    message: /answered with something that is not JSON/,
  },
  {
    name: 'token service answering 2 MiB',
    onRequest: (_req, h) => bearer(`http://${h.tokens}/huge`),
    message: /larger than 1048576 bytes/,
  },
  {
    name: 'token service refusing the credentials',
    onRequest: (_req, h) => bearer(`http://${h.tokens}/refuse`),
    message: /refused the credentials/,
  },
  {
    name: 'manifest PUT acknowledged with another digest',
    onRequest: (req) =>
      req.method === 'PUT' && req.kind === 'manifest'
        ? { status: 201, headers: { 'docker-content-digest': ZERO_DIGEST } }
        : undefined,
    message: /stored manifest sha256:[0-9a-f]{64} of .* as sha256:0{64} instead of sha256:/,
  },
  {
    name: 'blob PUT acknowledged with another digest',
    onRequest: (req) =>
      req.method === 'PUT' && req.kind === 'blob-upload'
        ? { status: 201, headers: { 'docker-content-digest': ZERO_DIGEST } }
        : undefined,
    message: /as sha256:0{64}; the registry altered the bytes/,
  },
  {
    name: 'manifest PUT acknowledged without storing it',
    onRequest: (req) =>
      req.method === 'PUT' && req.kind === 'manifest' ? { status: 201 } : undefined,
    message: /accepted manifest sha256:[0-9a-f]{64} of .* but holds no manifest sha256:/,
  },
  {
    name: 'blob PUT acknowledged without storing it',
    onRequest: (req) =>
      req.method === 'PUT' && req.kind === 'blob-upload' ? { status: 201 } : undefined,
    args: () => ['--max-retries', '1'],
    message: /accepted blob sha256:[0-9a-f]{64} of .* but does not hold it/,
  },
  {
    name: 'base layer copied from another registry with changed bytes',
    onRequest: () => undefined,
    args: (h) => ['--base-image', `${h.corruptBase}/base/busybox:1`],
    message:
      /blob sha256:[0-9a-f]{64} of .*base\/busybox has digest sha256:[0-9a-f]{64}, not sha256:/,
  },
  {
    name: 'base manifest over 4 MiB',
    onRequest: (req) =>
      req.method === 'GET' && req.kind === 'manifest' && isBase(req)
        ? {
            status: 200,
            headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
            body: Buffer.alloc(5 * 1024 * 1024, 0x20),
          }
        : undefined,
    message: /larger than the 4194304-byte limit/,
  },
  {
    name: 'base manifest that is not JSON',
    onRequest: (req) =>
      req.method === 'GET' && req.kind === 'manifest' && isBase(req)
        ? {
            status: 200,
            headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' },
            body: '{"schemaVersion": 2, "layers": [',
          }
        : undefined,
    message: /manifest of .* is not valid JSON/,
  },
  {
    name: 'base manifest in Docker schema 1',
    onRequest: (req) =>
      req.method === 'GET' && req.kind === 'manifest' && isBase(req)
        ? {
            status: 200,
            headers: {
              'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws',
            },
            body: '{"schemaVersion": 1, "fsLayers": []}',
          }
        : undefined,
    message: /uses Docker schema 1/,
  },
  {
    name: 'base config whose bytes do not match its digest',
    onRequest: (req, h) =>
      req.method === 'GET' && isBase(req) && req.url.includes(h.config.digest)
        ? { status: 200, body: Buffer.alloc(h.config.size, 0x7b) }
        : undefined,
    message: /has digest sha256:[0-9a-f]{64}, not sha256:/,
  },
  {
    name: '403 DENIED on upload',
    onRequest: (req) =>
      req.method === 'POST' && req.kind === 'blob-upload'
        ? registryErrorReply(403, 'DENIED', 'requested access to the resource is denied')
        : undefined,
    message:
      /HTTP 403 DENIED requested access to the resource is denied\): the identity lacks push permission/,
    after: noRetries,
  },
  {
    name: '400 NAME_INVALID on upload',
    onRequest: (req) =>
      req.method === 'POST' && req.kind === 'blob-upload'
        ? registryErrorReply(400, 'NAME_INVALID', 'invalid repository name')
        : undefined,
    message: /HTTP 400 NAME_INVALID invalid repository name/,
    after: noRetries,
  },
  {
    name: '401 on every manifest PUT',
    onRequest: (req) =>
      req.method === 'PUT' && req.kind === 'manifest'
        ? {
            status: 401,
            headers: { 'www-authenticate': 'Basic realm="hostile"' },
            body: '',
          }
        : undefined,
    message: /did not accept the credentials/,
    after: noRetries,
  },
  {
    name: '503 on every manifest PUT',
    onRequest: (req) =>
      req.method === 'PUT' && req.kind === 'manifest'
        ? registryErrorReply(503, 'UNAVAILABLE', 'down for maintenance')
        : undefined,
    args: () => ['--max-retries', '1'],
    message: /HTTP 503 UNAVAILABLE down for maintenance\): the registry had an internal error/,
    after: (_h, stats, result) => {
      expect(stats.byKind['PUT manifest']?.requests).toBe(2);
      expect(result.stderr.match(/Retrying in/g)).toHaveLength(1);
    },
  },
  {
    name: 'redirect loop on blob HEAD',
    onRequest: (req) =>
      req.method === 'HEAD' && req.kind === 'blob' && !isBase(req)
        ? { status: 302, headers: { location: req.url } }
        : undefined,
    message: /more than 5 redirects/,
  },
  {
    name: 'upload session without Location',
    onRequest: (req) =>
      req.method === 'POST' && req.kind === 'blob-upload' ? { status: 202 } : undefined,
    message: /without a Location header/,
  },
  {
    name: 'error answer of 10 MB',
    onRequest: (req) =>
      req.method === 'POST' && req.kind === 'blob-upload'
        ? { status: 400, body: Buffer.alloc(10 * 1024 * 1024, 0x41) }
        : undefined,
    message: /failed \(HTTP 400\): the registry gave no reason/,
    after: (_h, _s, result) => {
      expect(result.stderr.length).toBeLessThan(4000);
    },
  },
];

function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  return listenOnLoopback(server);
}

it(`fails on ${HOSTILE.length} hostile registry behaviours with exit 1 and one clear line, pushing nothing`, async () => {
  const seen: Helpers['capture']['seen'] = [];
  const captureHost = await listen((req, res) => {
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      authorization: req.headers.authorization,
    });
    res.writeHead(200, { 'content-length': '0' });
    res.end();
  });
  const tokens = await listen((req, res) => {
    if (req.url?.startsWith('/garbage')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>sign in</body></html>');
    } else if (req.url?.startsWith('/huge')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"token":"${'a'.repeat(2 * 1024 * 1024)}"}`);
    } else {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]}');
    }
  });
  const base = await httpRequest(`http://${reg.host}/v2/base/busybox/manifests/1`, {
    headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
    creds: reg.creds,
  });
  const { config, layers } = JSON.parse(base.body.toString('utf8')) as Pick<
    Helpers,
    'config' | 'layers'
  >;
  // The base on another registry (anonymous pull), so the push copies its layers instead of
  // mounting them; every layer download answers bytes of the right size but the wrong content.
  const open = await startRegistry({ auth: 'none' });
  registries.push(open);
  await seedBusyboxBase(open, 'base/busybox:1');
  const corrupt = await startProxy(open.host, {
    onRequest: (req) => {
      const layer = layers.find((l) => req.method === 'GET' && req.url.endsWith(l.digest));
      return layer ? { status: 200, body: Buffer.alloc(layer.size, 0x5a) } : undefined;
    },
  });
  proxies.push(corrupt);

  const started = Date.now();
  const outcomes = await inBatches(HOSTILE, 4, async (c) => {
    const helpers: Helpers = {
      capture: { host: captureHost, seen: [] },
      tokens,
      config,
      layers,
      corruptBase: corrupt.host,
    };
    const own = await startProxy(reg.host, {
      onRequest: (req) => c.onRequest(req, helpers),
    });
    try {
      const expected: Case = {
        name: c.name,
        args: (d) => [...plain(d), ...(c.args?.(helpers) ?? [])],
        code: 1,
        message: c.message,
      };
      const outcome = await runCase(expected, own.host, `hostile/${slug(c.name)}`);
      helpers.capture.seen = seen.filter((s) => s.url.includes(`hostile/${slug(c.name)}/`));
      let why = verdict(outcome);
      if (why === undefined) {
        try {
          c.after?.(helpers, own.stats(), outcome.result);
        } catch (err) {
          why = err instanceof Error ? err.message : String(err);
        }
      }
      return { name: c.name, why, stderr: outcome.result.stderr };
    } finally {
      await own.stop();
    }
  });
  const failures = outcomes.filter((o) => o.why !== undefined);
  const tagged: string[] = [];
  for (const c of HOSTILE) {
    const tags = await listTags(reg.host, `hostile/${slug(c.name)}`, reg.creds);
    if (tags.length > 0) tagged.push(`${c.name}: ${tags.join(', ')}`);
  }
  console.log(
    [
      `hostile registries: ${outcomes.length} behaviours tried in ${((Date.now() - started) / 1000).toFixed(1)} s, ` +
        `${outcomes.length - failures.length} failed as expected (exit 1, one line); ` +
        `tags pushed: ${tagged.length}; password leaks: 0; Authorization headers sent to another host: ` +
        `${seen.filter((s) => s.authorization !== undefined).length} of ${seen.length} requests there`,
      ...failures.map((f) => `  UNEXPECTED ${f.name}: ${f.why}\n${f.stderr}`),
    ].join('\n'),
  );
  expect(failures.map((f) => `${f.name}: ${f.why}`)).toEqual([]);
  expect(outcomes.length).toBeGreaterThanOrEqual(10);
  expect(tagged).toEqual([]);
  expect(seen.filter((s) => s.authorization !== undefined)).toEqual([]);
}, 300_000);
