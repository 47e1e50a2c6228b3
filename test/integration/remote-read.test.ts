/**
 * Registry behaviours a well-behaved docker-registry never shows (oversized or malformed
 * manifests, tampered digests, rate limits, redirect loops, TLS with a private CA), served by
 * small loopback servers.
 */
import fsp from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { sha256 } from '../../src/image/digest';
import { parseReference } from '../../src/image/reference';
import { fetchBlob, fetchManifest, headManifest } from '../../src/image/remote/read';
import { schemesFor, Transport } from '../../src/image/transport/client';
import type { RegistryError } from '../../src/image/transport/errors';
import { MediaType } from '../../src/image/types';
import { listenOnLoopback } from '../fixtures/ports';
import { runOk } from '../fixtures/process';

const manifest = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: MediaType.OciManifest,
    config: { mediaType: MediaType.OciConfig, digest: sha256('{}'), size: 2 },
    layers: [],
  }),
);
const other = Buffer.from(manifest.toString().replace('"layers":[]', '"layers":[] '));
const BIG = 5 * 1024 * 1024;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

function registryHandler(hits: Record<string, number>): Handler {
  return (req, res) => {
    const url = req.url ?? '';
    hits[url] = (hits[url] ?? 0) + 1;
    const ok = (body: Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(200, {
        'content-type': MediaType.OciManifest,
        'content-length': String(body.length),
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    switch (url) {
      case '/v2/':
        res.writeHead(200);
        res.end();
        return;
      case '/v2/x/manifests/good':
        ok(manifest); // no Docker-Content-Digest: HEAD falls back to GET
        return;
      case '/v2/x/manifests/big':
        res.writeHead(200, {
          'content-type': MediaType.OciManifest,
          'content-length': String(BIG),
        });
        res.end(Buffer.alloc(BIG, 0x20));
        return;
      case '/v2/x/manifests/chunked-big':
        res.writeHead(200, { 'content-type': MediaType.OciManifest });
        for (let i = 0; i < 5; i++) res.write(Buffer.alloc(1024 * 1024, 0x20));
        res.end();
        return;
      case '/v2/x/manifests/bad':
        ok(Buffer.from('{"schemaVersion": 2, "layers": ['));
        return;
      case '/v2/x/manifests/no-config':
        ok(Buffer.from('{"schemaVersion": 2, "layers": []}'));
        return;
      case '/v2/x/manifests/v1':
        ok(Buffer.from('{"schemaVersion": 1}'), {
          'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws',
        });
        return;
      case `/v2/x/manifests/${sha256(manifest)}`:
        ok(other);
        return;
      case '/v2/x/manifests/busy':
        if (hits[url] === 1) {
          res.writeHead(429, { 'retry-after': '0', 'content-type': 'application/json' });
          res.end('{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}');
          return;
        }
        ok(manifest);
        return;
      case '/v2/x/blobs/sha256:' + 'e'.repeat(64):
        res.writeHead(302, { location: `/v2/x/blobs/sha256:${'e'.repeat(64)}?hop=${hits[url]}` });
        res.end();
        return;
      default:
        if (url.startsWith('/v2/x/blobs/sha256:eeee')) {
          res.writeHead(302, { location: `/v2/x/blobs/sha256:${'e'.repeat(64)}` });
          res.end();
          return;
        }
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
    }
  };
}

const servers: http.Server[] = [];
const transports: Transport[] = [];
let tmp: string;

afterAll(async () => {
  await Promise.all(transports.map((t) => t.close()));
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  if (tmp) await fsp.rm(tmp, { recursive: true, force: true });
});

function transport(opts: ConstructorParameters<typeof Transport>[0] = {}): Transport {
  const t = new Transport({ retryBaseDelayMs: 5, ...opts });
  transports.push(t);
  return t;
}

async function failure(p: Promise<unknown>): Promise<RegistryError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  return err as RegistryError;
}

describe('reading from a misbehaving registry', () => {
  const hits: Record<string, number> = {};
  let host: string;

  beforeAll(async () => {
    const server = http.createServer(registryHandler(hits));
    servers.push(server);
    host = await listenOnLoopback(server);
  });

  it('reads a manifest, and HEAD falls back to GET without Docker-Content-Digest', async () => {
    const t = transport();
    const fetched = await fetchManifest(t, parseReference(`${host}/x:good`));
    expect(fetched.descriptor).toEqual({
      mediaType: MediaType.OciManifest,
      digest: sha256(manifest),
      size: manifest.length,
    });
    expect(await headManifest(t, parseReference(`${host}/x:good`))).toEqual(fetched.descriptor);
  });

  it('rejects manifests over 4 MiB, with or without Content-Length', async () => {
    const t = transport();
    for (const tag of ['big', 'chunked-big']) {
      const err = await failure(fetchManifest(t, parseReference(`${host}/x:${tag}`)));
      expect(err.message).toMatch(
        new RegExp(`The manifest of ${host}/x:${tag} is .*larger than the 4194304-byte limit`),
      );
    }
  });

  it('rejects malformed and schema 1 manifests clearly', async () => {
    const t = transport();
    expect((await failure(fetchManifest(t, parseReference(`${host}/x:bad`)))).message).toMatch(
      new RegExp(`^The manifest of ${host}/x:bad is not valid JSON \\(`),
    );
    expect((await failure(fetchManifest(t, parseReference(`${host}/x:no-config`)))).message).toBe(
      `The manifest of ${host}/x:no-config has no valid config descriptor.`,
    );
    expect((await failure(fetchManifest(t, parseReference(`${host}/x:v1`)))).message).toBe(
      `The manifest of ${host}/x:v1 uses Docker schema 1, which Slipway does not read; use a newer tag of the image.`,
    );
  });

  it('refuses a manifest whose bytes do not match the pinned digest', async () => {
    const ref = parseReference(`${host}/x@${sha256(manifest)}`);
    expect((await failure(fetchManifest(transport(), ref))).message).toBe(
      `The registry returned a manifest for ${host}/x@${sha256(manifest)} whose digest is ${sha256(other)}; the registry or a proxy in between altered it.`,
    );
  });

  it('waits and repeats after 429 Too Many Requests', async () => {
    const fetched = await fetchManifest(transport(), parseReference(`${host}/x:busy`));
    expect(fetched.descriptor.digest).toBe(sha256(manifest));
    expect(hits['/v2/x/manifests/busy']).toBe(2);
  });

  it('stops after 5 redirects', async () => {
    const digest = `sha256:${'e'.repeat(64)}`;
    const err = await failure(
      fetchBlob(transport(), parseReference(`${host}/x`), {
        mediaType: 'application/octet-stream',
        digest,
        size: 1,
      }),
    );
    expect(err.message).toMatch(
      new RegExp(`^blob ${digest} for ${host}/x failed: more than 5 redirects`),
    );
  });
});

describe('TLS', () => {
  let host: string;
  let certPem: string;

  beforeAll(async () => {
    tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'slipway-remote-tls-'));
    const key = path.join(tmp, 'key.pem');
    const cert = path.join(tmp, 'cert.pem');
    await runOk('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=slipway-test-registry',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]);
    certPem = await fsp.readFile(cert, 'utf8');
    const server = https.createServer(
      { key: await fsp.readFile(key), cert: certPem },
      registryHandler({}),
    );
    servers.push(server);
    host = await listenOnLoopback(server);
  });

  it('finds that a loopback registry speaks TLS and trusts a private CA from registry-ca', async () => {
    const fetched = await fetchManifest(
      transport({ caPem: certPem }),
      parseReference(`${host}/x:good`),
    );
    expect(fetched.descriptor.digest).toBe(sha256(manifest));
  });

  it('names registry-ca when the certificate is not trusted, unless insecure', async () => {
    const err = await failure(fetchManifest(transport(), parseReference(`${host}/x:good`)));
    expect(err.message).toMatch(
      new RegExp(
        `the TLS certificate of ${host} is not trusted; pass the registry's CA in registry-ca`,
      ),
    );
    const insecure = await fetchManifest(
      transport({ insecureRegistries: [host], skipTlsVerify: true }),
      parseReference(`${host}/x:good`),
    );
    expect(insecure.descriptor.digest).toBe(sha256(manifest));
  });

  it('uses HTTPS for other hosts, HTTP only when insecure', () => {
    expect(schemesFor('ghcr.io', false)).toEqual(['https']);
    expect(schemesFor('registry.internal:5000', true)).toEqual(['https', 'http']);
    expect(schemesFor('127.0.0.1:5000', false)).toEqual(['http', 'https']);
    expect(schemesFor('localhost', false)).toEqual(['http', 'https']);
  });
});
