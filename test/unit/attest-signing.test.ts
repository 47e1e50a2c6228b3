/**
 * Which signing a run gets (src/run/attest.ts signingFor): sign: auto signs only when the job
 * offers an identity, a GitHub repository that is not public signs with GitHub's Sigstore instance
 * (as @actions/attest 3.2.0 lib/endpoints.js chooses), a private GitLab project is not sent to the
 * public Rekor by default, and bundles go to GitHub's attestations API only where they can.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/core/errors';
import { defaultInputs } from '../../src/core/inputs';
import type { Inputs } from '../../src/core/inputs';
import { MemoryLogger } from '../../src/core/log';
import { githubSigstoreInstance } from '../../src/attest/github';
import { signingFor } from '../../src/run/attest';

const dir = mkdtempSync(join(tmpdir(), 'attest-signing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function event(name: string, repository: Record<string, unknown> | undefined): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(repository ? { repository } : { action: 'x' }));
  return file;
}

const TOKEN = 'header.payload.signature';

async function signing(inputs: Partial<Inputs>, env: NodeJS.ProcessEnv) {
  const logger = new MemoryLogger();
  const result = await signingFor(defaultInputs(inputs), env, logger);
  return { result, log: logger.lines.join('\n') };
}

describe('sign: auto', () => {
  it('is the default, and without an identity says how to sign and signs nothing', async () => {
    expect(defaultInputs().sign).toBe('auto');
    const { result, log } = await signing({}, {});
    expect(result).toBeUndefined();
    expect(log).toContain('not signed');
    expect(log).toContain('permissions: id-token: write');
    expect(log).toContain('id_tokens: SIGSTORE_ID_TOKEN: aud: sigstore');
    expect(log).not.toContain('warning');
  });

  it('signs with a GitLab id_tokens variable or a key, and a failure then only warns', async () => {
    const keyless = await signing({}, { SIGSTORE_ID_TOKEN: TOKEN });
    expect(keyless.result?.signer.description).toContain('Fulcio https://fulcio.sigstore.dev');
    expect(keyless.result?.bestEffort).toBe(true);
    const other = await signing({ 'sigstore-token-variable': 'MY_TOKEN' }, { MY_TOKEN: TOKEN });
    expect(other.result).toBeDefined();
    expect((await signing({ sign: 'true' }, { SIGSTORE_ID_TOKEN: TOKEN })).result?.bestEffort).toBe(
      false,
    );
  });

  it('counts GitHub as offering an identity only with both id-token variables', async () => {
    const half = await signing({}, { ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/x' });
    expect(half.result).toBeUndefined();
  });

  it('leaves a private GitLab project out of the public Rekor unless asked', async () => {
    const env = { GITLAB_CI: 'true', CI_PROJECT_VISIBILITY: 'private', SIGSTORE_ID_TOKEN: TOKEN };
    const auto = await signing({}, env);
    expect(auto.result).toBeUndefined();
    expect(auto.log).toContain('GitLab project is private');
    expect((await signing({ sign: 'true' }, env)).result).toBeDefined();
    const own = await signing(
      { 'fulcio-url': 'https://fulcio.corp', 'rekor-url': 'none', 'tsa-url': 'https://tsa.corp' },
      env,
    );
    expect(own.result?.signer.description).toBe(
      'keyless (Fulcio https://fulcio.corp, TSA https://tsa.corp)',
    );
    const open = await signing({}, { ...env, CI_PROJECT_VISIBILITY: 'public' });
    expect(open.result).toBeDefined();
  });

  it('sign: true without any identity is bad input naming the permission', async () => {
    await expect(signing({ sign: 'true' }, {})).rejects.toThrow(InputError);
    await expect(signing({ sign: 'true' }, {})).rejects.toThrow('id-token: write');
    expect((await signing({ sign: 'false' }, { SIGSTORE_ID_TOKEN: TOKEN })).result).toBeUndefined();
  });
});

describe("the Sigstore instance of a GitHub repository, as @actions/attest's", () => {
  const gh = { GITHUB_ACTIONS: 'true', SIGSTORE_ID_TOKEN: TOKEN };

  it('public repositories sign with the public-good instance', async () => {
    const env = { ...gh, GITHUB_EVENT_PATH: event('public', { visibility: 'public' }) };
    expect(githubSigstoreInstance(env).name).toBe('public-good');
    const { result } = await signing({}, env);
    expect(result?.signer.description).toBe(
      'keyless (Fulcio https://fulcio.sigstore.dev, Rekor https://rekor.sigstore.dev)',
    );
  });

  it.each([
    ['private', { visibility: 'private' }],
    ['internal', { visibility: 'internal' }],
    ['GHES private flag', { private: true }],
    ['no repository in the payload', undefined],
  ])('%s: GitHub’s Fulcio and timestamp authority, nothing in Rekor', async (name, repo) => {
    const env = { ...gh, GITHUB_EVENT_PATH: event(name.replace(/\W/g, '-'), repo) };
    const { result, log } = await signing({}, env);
    expect(result?.signer.description).toBe(
      'keyless (Fulcio https://fulcio.githubapp.com, TSA https://timestamp.githubapp.com)',
    );
    expect(log).toContain("GitHub's Sigstore instance");
  });

  it('a GHES server names its own instance; given endpoints win', async () => {
    const env = {
      ...gh,
      GITHUB_SERVER_URL: 'https://ghe.example.com',
      GITHUB_EVENT_PATH: event('ghes', { private: true }),
    };
    expect(githubSigstoreInstance(env)).toEqual({
      name: 'github',
      fulcioUrl: 'https://fulcio.ghe.example.com',
      rekorUrl: false,
      tsaUrl: 'https://timestamp.ghe.example.com',
    });
    const { result } = await signing({ 'fulcio-url': 'https://fulcio.corp' }, env);
    expect(result?.signer.description).toBe(
      'keyless (Fulcio https://fulcio.corp, Rekor https://rekor.sigstore.dev)',
    );
  });
});

describe('github-attestations', () => {
  const gh = {
    GITHUB_ACTIONS: 'true',
    GITHUB_REPOSITORY: 'acme/gh',
    GITHUB_EVENT_PATH: event('api', { visibility: 'public' }),
    SIGSTORE_ID_TOKEN: TOKEN,
  };

  it('auto: on GitHub, for keyless bundles, when there is a token', async () => {
    const withToken = await signing({}, { ...gh, GITHUB_TOKEN: 'ghs_x' });
    expect(withToken.result?.github).toMatchObject({
      apiUrl: 'https://api.github.com',
      repository: 'acme/gh',
      required: false,
    });
    const input = await signing({ 'github-token': 'ghs_y' }, gh);
    expect(input.result?.github?.token).toBe('ghs_y');
    expect((await signing({}, gh)).result?.github).toBeUndefined();
    expect((await signing({}, { ...gh, GITHUB_ACTIONS: '' })).result?.github).toBeUndefined();
    expect(
      (await signing({ 'github-attestations': 'false' }, { ...gh, GITHUB_TOKEN: 'ghs_x' })).result
        ?.github,
    ).toBeUndefined();
  });

  it('true is required only with sign: true, and needs the repository and token', async () => {
    const env = { ...gh, GITHUB_TOKEN: 'ghs_x' };
    const both = await signing({ sign: 'true', 'github-attestations': 'true' }, env);
    expect(both.result?.github?.required).toBe(true);
    const auto = await signing({ 'github-attestations': 'true' }, env);
    expect(auto.result?.github?.required).toBe(false);
    await expect(signing({ 'github-attestations': 'true' }, gh)).rejects.toThrow(
      'Input "github-attestations" is true',
    );
  });
});
