import { dockerConfig } from '../../src/assemble/docker';
import { secrets } from '../../src/core/secrets';

/**
 * The temporary docker config.json the docker-compatible builder writes instead of running
 * `docker login`: the entries docker itself stores, under the keys docker looks them up by.
 */

afterEach(() => secrets.clear());

const b64 = (s: string): string => Buffer.from(s).toString('base64');

it('stores a username and password as docker login does, and masks both forms', () => {
  const config = dockerConfig([
    { registry: '127.0.0.1:5000', credentials: { username: 'ci', password: 'pw-1234567' } },
  ]);
  expect(config).toEqual({ auths: { '127.0.0.1:5000': { auth: b64('ci:pw-1234567') } } });
  expect(secrets.redact(`x pw-1234567 ${b64('ci:pw-1234567')} y`)).toBe('x *** *** y');
});

it("keeps Docker Hub's credentials under the index address docker reads them from", () => {
  for (const registry of ['docker.io', 'registry-1.docker.io', 'index.docker.io']) {
    const config = dockerConfig([
      { registry, credentials: { username: 'acme', password: 'dckr_pat_abcdef' } },
    ]);
    expect(Object.keys(config.auths)).toEqual(['https://index.docker.io/v1/']);
  }
});

it('stores refresh tokens as identitytoken and bare registry tokens as registrytoken', () => {
  const config = dockerConfig([
    { registry: 'acme.azurecr.io', credentials: { identityToken: 'refresh-token-1' } },
    { registry: 'ghcr.io', credentials: { registryToken: 'bearer-token-2' } },
    { registry: 'anonymous.example', credentials: {} },
  ]);
  expect(config).toEqual({
    auths: {
      'acme.azurecr.io': {
        auth: b64('00000000-0000-0000-0000-000000000000:'),
        identitytoken: 'refresh-token-1',
      },
      'ghcr.io': { registrytoken: 'bearer-token-2' },
    },
  });
  expect(secrets.redact('refresh-token-1 bearer-token-2')).toBe('*** ***');
});
