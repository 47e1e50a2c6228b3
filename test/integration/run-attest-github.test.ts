/**
 * Issue 15 on GitHub: `sign: auto` (the default) signs when the job offers an OIDC token and says
 * how to enable it when not; each bundle also goes to GitHub's attestations API (a loopback
 * stand-in of POST /repos/{owner}/{repo}/attestations at GITHUB_API_URL), equal to the referrer
 * pushed to the registry, with the token sent there only; a refused API warns, or fails before any
 * tag when asked for; and the `sigstore` CLI from npm, an independent verifier, accepts the pushed
 * bundles against the stand-ins' trusted root (served to it as a TUF repository).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runCli } from '../fixtures/cli';
import type { CliResult } from '../fixtures/cli';
import { skopeo } from '../fixtures/clients';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir, run } from '../fixtures/process';
import { startProxy } from '../fixtures/proxy';
import type { TestProxy } from '../fixtures/proxy';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { startSigstore } from './attest-helpers';
import type { SigstoreStandIns } from './attest-helpers';
import { startTufRepository } from './tuf-repo';
import type { TufRepository } from './tuf-repo';

/** The subject the stand-in GitHub token endpoint puts in its tokens. */
const IDENTITY = 'https://github.com/acme/gh/.github/workflows/release.yml@refs/heads/main';
const TOKEN = `ghs_${randomBytes(16).toString('hex')}`;

interface Stored {
  path: string;
  authorization?: string;
  bundle: unknown;
}

let reg: TestRegistry;
let sig: SigstoreStandIns;
let regProxy: TestProxy;
let sigProxy: TestProxy;
let tuf: TufRepository;
let api: http.Server;
let apiUrl: string;
let apiAnswer = 201;
const stored: Stored[] = [];
/** Every header value sent to the registry and to the Sigstore stand-ins. */
const seenHeaders: string[] = [];
let work: string;
let artifact: string;

beforeAll(async () => {
  work = await makeTempDir('run-attest-github');
  [reg, sig] = await Promise.all([startRegistry(), startSigstore()]);
  await seedBusyboxBase(reg, 'base/busybox:1');
  const record = (req: { headers: object }): undefined => {
    seenHeaders.push(JSON.stringify(req.headers));
    return undefined;
  };
  regProxy = await startProxy(reg.host, { onRequest: record });
  sigProxy = await startProxy(new URL(sig.fulcioUrl).host, { onRequest: record });
  tuf = await startTufRepository(sig.trustedRoot);
  api = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        bundle?: unknown;
      };
      if (req.method === 'POST' && apiAnswer === 201) {
        stored.push({
          path: req.url ?? '',
          authorization: req.headers.authorization,
          bundle: body.bundle,
        });
      }
      res.writeHead(apiAnswer, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          apiAnswer === 201
            ? { id: stored.length }
            : { message: 'Resource not accessible by integration' },
        ),
      );
    });
  });
  await new Promise<void>((done) => api.listen(0, '127.0.0.1', done));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  const dir = join(work, 'artifact');
  mkdirSync(dir);
  artifact = join(dir, 'payload.bin');
  writeFileSync(artifact, randomBytes(4096));
});
afterAll(async () => {
  await new Promise<void>((done) => (api ? api.close(() => done()) : done()));
  await tuf?.stop();
  await sigProxy?.stop();
  await regProxy?.stop();
  await sig?.stop();
  await reg?.stop();
  await removeTempDir(work);
});

const viaProxy = (url: string): string => url.replace(new URL(url).host, sigProxy.host);

function build(repo: string, extra: string[], env: Record<string, string>): Promise<CliResult> {
  return runCli(
    [
      'build',
      '--artifact',
      artifact,
      '--artifact-path',
      '/opt/app/',
      '--base-image',
      `${regProxy.host}/base/busybox:1`,
      '--image',
      `${regProxy.host}/${repo}`,
      '--tags',
      '1.0',
      '--json',
      '--max-retries',
      '1',
      ...extra,
    ],
    { env },
  );
}

/** A GitHub job with id-token: write and the workflow's token, signing with the stand-ins. */
function github(): { args: string[]; env: Record<string, string> } {
  return {
    args: [
      '--fulcio-url',
      viaProxy(sig.fulcioUrl),
      '--rekor-url',
      viaProxy(sig.rekorUrl),
      '--tsa-url',
      viaProxy(sig.tsaUrl),
    ],
    env: {
      GITHUB_ACTIONS: 'true',
      GITHUB_REPOSITORY: 'acme/gh',
      GITHUB_API_URL: apiUrl,
      GITHUB_TOKEN: TOKEN,
      ACTIONS_ID_TOKEN_REQUEST_URL: viaProxy(sig.githubTokenUrl),
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: sig.githubBearer,
    },
  };
}

async function tags(repo: string): Promise<string[]> {
  const res = await skopeo(['list-tags', '--tls-verify=false', `docker://${reg.host}/${repo}`]);
  expect(res.code).toBe(0);
  return (JSON.parse(res.stdout) as { Tags: string[] }).Tags;
}

/** The bundle a referrer manifest (repo@digest, as the `attestations` output names it) holds. */
async function referrerBundle(reference: string): Promise<unknown> {
  const at = reference.indexOf('@');
  const repo = reference.slice(reference.indexOf('/') + 1, at);
  const get = async (what: string, digest: string, accept: string): Promise<unknown> => {
    const res = await fetch(`http://${reg.host}/v2/${repo}/${what}/${digest}`, {
      headers: { accept },
    });
    expect(res.status).toBe(200);
    return res.json();
  };
  const manifest = (await get(
    'manifests',
    reference.slice(at + 1),
    'application/vnd.oci.image.manifest.v1+json',
  )) as {
    layers: { digest: string }[];
  };
  return get('blobs', manifest.layers[0].digest, '*/*');
}

it('sign: auto without an OIDC token pushes unsigned and says how to sign', async () => {
  const before = sig.requests.fulcio;
  const res = await build('apps/unsigned', [], {});
  expect(res.code).toBe(0);
  expect(res.json?.attestations).toBeUndefined();
  expect(res.stderr).toContain('not signed');
  expect(res.stderr).toContain('permissions: id-token: write');
  expect(res.stderr).not.toContain('warning');
  expect(sig.requests.fulcio).toBe(before);
  expect(await tags('apps/unsigned')).toEqual(['1.0']);
});

describe('on GitHub with id-token: write and attestations: write', () => {
  let res: CliResult;

  beforeAll(async () => {
    stored.length = 0;
    seenHeaders.length = 0;
    apiAnswer = 201;
    const gh = github();
    res = await build('apps/gh', gh.args, gh.env);
  });

  it('sign: auto signs, and every bundle stored through the API is the pushed referrer', async () => {
    expect(res.stderr).not.toContain('warning');
    expect(res.code).toBe(0);
    const attestations = res.json?.attestations as string[];
    expect(attestations).toHaveLength(2);
    expect(stored.map((s) => s.path)).toEqual([
      '/repos/acme/gh/attestations',
      '/repos/acme/gh/attestations',
    ]);
    for (const s of stored) expect(s.authorization).toBe(`Bearer ${TOKEN}`);
    const pushed = await Promise.all(attestations.map(referrerBundle));
    const key = (b: unknown): string => JSON.stringify(b);
    expect(stored.map((s) => key(s.bundle)).sort()).toEqual(pushed.map(key).sort());
    expect(res.stderr).toContain("bundle stored in acme/gh's attestations (id 2)");
  });

  it('sends the token to the attestations API only', () => {
    // Fulcio, Rekor, the TSA, the token endpoint and the registry were all reached through the
    // recording proxies.
    expect(sig.requests.fulcio).toBeGreaterThan(0);
    expect(sigProxy.stats().requests).toBeGreaterThanOrEqual(4);
    expect(seenHeaders.length).toBeGreaterThan(sigProxy.stats().requests);
    expect(seenHeaders.filter((h) => h.includes(TOKEN))).toEqual([]);
    expect(res.stdout + res.stderr).not.toContain(TOKEN);
  });

  it('the sigstore CLI verifies each pushed bundle against the stand-ins’ trusted root', async () => {
    const root = join(work, 'tuf-root.json');
    writeFileSync(root, tuf.root);
    const cli = resolve(__dirname, '../../node_modules/.bin/sigstore');
    const attestations = res.json?.attestations as string[];
    for (const [i, reference] of attestations.entries()) {
      const file = join(work, `bundle-${i}.json`);
      writeFileSync(file, JSON.stringify(await referrerBundle(reference)));
      const args = [
        'verify',
        file,
        '--tuf-mirror-url',
        tuf.url,
        '--tuf-root-path',
        root,
        '--tuf-cache-path',
        join(work, `tuf-cache-${i}`),
        '--certificate-issuer',
        sig.issuer,
        '--certificate-identity-uri',
      ];
      const ok = await run(cli, [...args, IDENTITY], { timeoutMs: 60_000 });
      expect(ok.stderr).toContain('Verification succeeded');
      expect(ok.code).toBe(0);
      const wrong = await run(cli, [...args, IDENTITY.replace('acme', 'evil')], {
        timeoutMs: 60_000,
      });
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toContain('certificate identity error');
    }
    expect(tuf.requests).toContain('targets/trusted_root.json');
  });
});

it('a refused attestations API warns under sign: auto, and fails before any tag when both are true', async () => {
  apiAnswer = 403;
  try {
    const gh = github();
    const warned = await build('apps/gh-warn', gh.args, gh.env);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain('attestations: write');
    expect(warned.json?.attestations).toHaveLength(2);
    expect(await tags('apps/gh-warn')).toContain('1.0');

    const required = await build(
      'apps/gh-required',
      [...gh.args, '--sign', 'true', '--github-attestations', 'true'],
      gh.env,
    );
    expect(required.code).toBe(1);
    expect(required.stderr).toContain('permissions: attestations: write');
    expect(await tags('apps/gh-required')).not.toContain('1.0');
  } finally {
    apiAnswer = 201;
  }
});
