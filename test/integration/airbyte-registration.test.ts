/**
 * Issue 7, Airbyte registration: the CLI bundle pushes the example declarative source and
 * registers it through a loopback server that implements Airbyte's public API contract. The
 * server's record shows the exact request bodies and bearer tokens.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAirbyteApi } from '../fixtures/airbyte-api';
import type { AirbyteApiServer } from '../fixtures/airbyte-api';
import { runCli } from '../fixtures/cli';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';

const WORKSPACE = '3c2a7b9e-1d7c-4d2e-9a51-0f7a3e1c2b44';
const TOKEN = 'airbyte-test-token-7f3c91';
const CLIENT_ID = 'client-0da998a2';
const CLIENT_SECRET = 'client-secret-TG9yZW0gaXBzdW0';
const DOCS = 'https://docs.example.com/source-pokeapi';

let reg: TestRegistry;
let api: AirbyteApiServer;
let work: string;
let connector: string;

beforeAll(async () => {
  work = await makeTempDir('after-airbyte');
  reg = await startRegistry({ auth: 'none' });
  await seedBusyboxBase(reg, 'base/declarative:1');
  api = await startAirbyteApi({
    tokens: [TOKEN],
    applications: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }],
    workspaces: [WORKSPACE],
  });
  connector = join(work, 'source');
  cpSync(join(__dirname, '../../examples/airbyte-declarative-source'), connector, {
    recursive: true,
  });
  const metadata = join(connector, 'metadata.yaml');
  writeFileSync(
    metadata,
    readFileSync(metadata, 'utf8').replace(
      '  license: MIT\n',
      `  license: MIT\n  documentationUrl: ${DOCS}\n`,
    ),
  );
});
afterAll(async () => {
  await api?.stop();
  await reg?.stop();
  await removeTempDir(work);
});

function build(
  repo: string,
  tag: string,
  auth: { token?: string; clientSecret?: string; clientId?: string },
): ReturnType<typeof runCli> {
  const env: Record<string, string> = {};
  if (auth.token) env.SLIPWAY_AIRBYTE_TOKEN = auth.token;
  if (auth.clientSecret) env.SLIPWAY_AIRBYTE_CLIENT_SECRET = auth.clientSecret;
  return runCli(
    [
      'build',
      '--working-directory',
      connector,
      '--base-image',
      `${reg.host}/base/declarative:1`,
      '--image',
      `${reg.host}/${repo}`,
      '--tags',
      tag,
      '--airbyte-url',
      api.url,
      '--airbyte-workspace-id',
      WORKSPACE,
      ...(auth.clientId ? ['--airbyte-client-id', auth.clientId] : []),
      '--json',
    ],
    { env },
  );
}

it('creates the source definition on the first run and updates its tag on the second', async () => {
  api.requests.length = 0;
  const first = await build('airbyte/source-poke', '0.1.0', { token: TOKEN });
  expect(first.stderr).not.toMatch(/error/);
  expect(first.code).toBe(0);
  const id = String(first.json?.['definition-id']);
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  const repository = `${reg.host}/airbyte/source-poke`;
  expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    `GET /workspaces/${WORKSPACE}/definitions/sources`,
    `POST /workspaces/${WORKSPACE}/definitions/sources`,
  ]);
  for (const r of api.requests) expect(r.authorization).toBe(`Bearer ${TOKEN}`);
  const create = api.requests[1];
  expect(create.contentType).toBe('application/json');
  expect(create.json).toEqual({
    name: 'PokeAPI (Slipway example)',
    dockerRepository: repository,
    dockerImageTag: '0.1.0',
    documentationUrl: DOCS,
  });

  api.requests.length = 0;
  const second = await build('airbyte/source-poke', '0.2.0', { token: TOKEN });
  expect(second.code).toBe(0);
  expect(second.json?.['definition-id']).toBe(id);
  expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    `GET /workspaces/${WORKSPACE}/definitions/sources`,
    `PUT /workspaces/${WORKSPACE}/definitions/sources/${id}`,
  ]);
  expect(api.requests[1].json).toEqual({
    name: 'PokeAPI (Slipway example)',
    dockerImageTag: '0.2.0',
  });
  expect(api.definitions(WORKSPACE, 'sources')).toEqual([
    {
      id,
      name: 'PokeAPI (Slipway example)',
      dockerRepository: repository,
      dockerImageTag: '0.2.0',
      documentationUrl: DOCS,
    },
  ]);
  expect(`${first.stdout}${first.stderr}${second.stdout}${second.stderr}`).not.toContain(TOKEN);
});

it('exchanges a client id and secret at the token endpoint and uses the issued bearer token', async () => {
  api.requests.length = 0;
  const res = await build('airbyte/source-app', '1.0.0', {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
  });
  expect(res.stderr).not.toMatch(/error/);
  expect(res.code).toBe(0);
  expect(api.requests[0]).toMatchObject({ method: 'POST', path: '/applications/token' });
  expect(api.requests[0].authorization).toBeUndefined();
  expect(api.requests[0].json).toEqual({
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    'grant-type': 'client_credentials',
  });
  const issued = api.issued[api.issued.length - 1];
  expect(api.requests.slice(1).map((r) => r.authorization)).toEqual([
    `Bearer ${issued}`,
    `Bearer ${issued}`,
  ]);
  expect(res.json?.['definition-id']).toBe(api.definitions(WORKSPACE, 'sources')[1]?.id);
  expect(`${res.stdout}${res.stderr}`).not.toContain(CLIENT_SECRET);
  expect(`${res.stdout}${res.stderr}`).not.toContain(issued);
});

it('fails with a clear message when Airbyte answers 401 or 403', async () => {
  const unauthorized = await build('airbyte/source-poke', '0.3.0', { token: 'wrong-token-123' });
  expect(unauthorized.code).toBe(1);
  expect(unauthorized.stderr).toMatch(
    /Airbyte refused the credentials .*\(HTTP 401\).*airbyte-token/,
  );
  expect(unauthorized.stderr).not.toContain('wrong-token-123');

  api.settings.forceStatus = 403;
  try {
    const forbidden = await build('airbyte/source-poke', '0.3.0', { token: TOKEN });
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toMatch(
      new RegExp(`Airbyte denied .* in workspace ${WORKSPACE} \\(HTTP 403\\).*rights`),
    );
  } finally {
    api.settings.forceStatus = undefined;
  }
});
