/**
 * A TUF repository on loopback whose one target is a Sigstore trusted_root.json: how the
 * `sigstore` CLI (and sigstore-js behind it) is given a trust root other than the public-good
 * one (its verify command takes --tuf-mirror-url and --tuf-root-path, not a trusted-root file).
 * Metadata as TUF 1.0.31 writes it: one Ed25519 key for all four roles, signatures over the
 * canonical JSON of `signed`, no consistent snapshots (targets are fetched by their plain name).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TufRepository {
  url: string;
  /** The root.json the client starts from (its --tuf-root-path). */
  root: string;
  /** Paths asked for, in order. */
  requests: string[];
  stop(): Promise<void>;
}

/** OLPC canonical JSON for the values TUF metadata holds: sorted keys, no spaces. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function startTufRepository(trustedRoot: object): Promise<TufRepository> {
  const { publicKey, privateKey } = crypto.generateKeyPairSync('ed25519');
  const raw = publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('hex');
  const key = { keytype: 'ed25519', scheme: 'ed25519', keyval: { public: raw } };
  const keyid = crypto.createHash('sha256').update(canonical(key)).digest('hex');
  const expires = new Date(Date.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const common = { spec_version: '1.0.31', version: 1, expires };
  const sign = (signed: object): string =>
    JSON.stringify({
      signed,
      signatures: [
        {
          keyid,
          sig: crypto.sign(null, Buffer.from(canonical(signed)), privateKey).toString('hex'),
        },
      ],
    });
  const role = { keyids: [keyid], threshold: 1 };
  const target = Buffer.from(JSON.stringify(trustedRoot));
  const files: Record<string, string | Buffer> = {
    'root.json': sign({
      _type: 'root',
      ...common,
      consistent_snapshot: false,
      keys: { [keyid]: key },
      roles: { root: role, targets: role, snapshot: role, timestamp: role },
    }),
    'targets.json': sign({
      _type: 'targets',
      ...common,
      targets: {
        'trusted_root.json': {
          length: target.length,
          hashes: { sha256: crypto.createHash('sha256').update(target).digest('hex') },
        },
      },
    }),
    'snapshot.json': sign({
      _type: 'snapshot',
      ...common,
      meta: { 'targets.json': { version: 1 } },
    }),
    'timestamp.json': sign({
      _type: 'timestamp',
      ...common,
      meta: { 'snapshot.json': { version: 1 } },
    }),
    'targets/trusted_root.json': target,
  };
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').replace(/^\/+/, '');
    requests.push(path);
    const body = files[path];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(body ?? '{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    root: files['root.json'] as string,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
