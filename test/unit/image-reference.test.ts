import { InputError } from '../../src/core/errors';
import {
  isScratch,
  normalizeRegistry,
  parseReference,
  parseRepository,
  parseTag,
} from '../../src/image/reference';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it.each([
    ['busybox', 'docker.io', 'library/busybox', undefined, undefined],
    ['busybox:1.36', 'docker.io', 'library/busybox', '1.36', undefined],
    [
      'streamnative/pulsar-functions-java-runner:4.0.4',
      'docker.io',
      'streamnative/pulsar-functions-java-runner',
      '4.0.4',
      undefined,
    ],
    ['docker.io/busybox', 'docker.io', 'library/busybox', undefined, undefined],
    ['index.docker.io/library/busybox:latest', 'docker.io', 'library/busybox', 'latest', undefined],
    [
      'registry-1.docker.io/airbyte/source-declarative-manifest',
      'docker.io',
      'airbyte/source-declarative-manifest',
      undefined,
      undefined,
    ],
    ['ghcr.io/org/team/name:v1', 'ghcr.io', 'org/team/name', 'v1', undefined],
    ['localhost/foo', 'localhost', 'foo', undefined, undefined],
    ['localhost:5000/foo:tag', 'localhost:5000', 'foo', 'tag', undefined],
    ['127.0.0.1:5000/a/b', '127.0.0.1:5000', 'a/b', undefined, undefined],
    [`127.0.0.1:5000/a@${DIGEST}`, '127.0.0.1:5000', 'a', undefined, DIGEST],
    [`ghcr.io/o/r:1.0@${DIGEST}`, 'ghcr.io', 'o/r', '1.0', DIGEST],
    ['[::1]:5000/x', '[::1]:5000', 'x', undefined, undefined],
    [
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/my-sink',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
      'my-sink',
      undefined,
      undefined,
    ],
    ['Registry.Example.COM/app', 'registry.example.com', 'app', undefined, undefined],
    ['a/b__c-d.e_f/g--h', 'docker.io', 'a/b__c-d.e_f/g--h', undefined, undefined],
  ])('%s', (input, registry, repository, tag, digest) => {
    const ref = parseReference(input);
    expect(ref.registry).toBe(registry);
    expect(ref.repository).toBe(repository);
    expect(ref.tag).toBe(tag);
    expect(ref.digest).toBe(digest);
  });

  it('formats back and names the API host', () => {
    const ref = parseReference('busybox:1.36');
    expect(ref.toString()).toBe('docker.io/library/busybox:1.36');
    expect(ref.name()).toBe('docker.io/library/busybox');
    expect(ref.apiHost()).toBe('registry-1.docker.io');
    expect(ref.identifier()).toBe('1.36');
    expect(parseReference('ghcr.io/o/r').identifier()).toBe('latest');
    expect(parseReference('127.0.0.1:5000/a').apiHost()).toBe('127.0.0.1:5000');
    const pinned = ref.withDigest(DIGEST);
    expect(pinned.toString()).toBe(`docker.io/library/busybox:1.36@${DIGEST}`);
    expect(pinned.identifier()).toBe(DIGEST);
    expect(pinned.repositoryOnly().toString()).toBe('docker.io/library/busybox');
    expect(ref.withTag('2').toString()).toBe('docker.io/library/busybox:2');
  });

  it('applies a default tag only when neither tag nor digest is given', () => {
    expect(parseReference('busybox', { defaultTag: 'latest' }).tag).toBe('latest');
    expect(parseReference(`busybox@${DIGEST}`, { defaultTag: 'latest' }).tag).toBeUndefined();
  });

  it.each([
    ['', /is empty/],
    [
      'ghcr.io/o/r:bad!tag',
      /tag "bad!tag" has an invalid character; tags are up to 128 of \[A-Za-z0-9_.-\]/,
    ],
    ['ghcr.io/o/r:', /a tag is empty/],
    [`ghcr.io/o/r:${'x'.repeat(129)}`, /longer than 128 characters/],
    ['ghcr.io/o/r:.hidden', /must start with a letter, digit or "_"/],
    ['ghcr.io/o/MyRepo', /repository "o\/MyRepo" must be lowercase/],
    ['ghcr.io/o//r', /empty path component/],
    ['ghcr.io/o/r-', /path component "r-" is invalid/],
    ['ghcr.io/o/r@sha256:abc', /digest "sha256:abc" is malformed/],
    [`ghcr.io/o/r@sha512:${'b'.repeat(128)}`, /only sha256/],
    ['https://ghcr.io/o/r', /URL scheme/],
    ['ghcr.io/o r', /whitespace/],
    ['bad_host.io:x/r', /registry host "bad_host.io:x" is not a valid host/],
    ['ghcr.io/', /no repository path/],
    [`r.io/${'a'.repeat(260)}`, /longer than 255/],
  ])('rejects %j', (input, message) => {
    let caught: unknown;
    try {
      parseReference(input, { input: 'base-image' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toContain('input "base-image"');
  });
});

describe('parseRepository', () => {
  it('takes a repository only', () => {
    expect(parseRepository('127.0.0.1:5000/team/sink').toString()).toBe('127.0.0.1:5000/team/sink');
    expect(() => parseRepository('ghcr.io/o/r:1.0')).toThrow(
      /"image" takes a repository only \(ghcr.io\/o\/r\), put tags in the "tags" input/,
    );
    expect(() => parseRepository(`ghcr.io/o/r@${DIGEST}`)).toThrow(/names a digest/);
  });
});

describe('parseTag', () => {
  it('accepts valid tags and explains invalid ones', () => {
    expect(parseTag(' 1.2.3 ')).toBe('1.2.3');
    expect(parseTag('sha-abc1234')).toBe('sha-abc1234');
    expect(parseTag('_x')).toBe('_x');
    expect(() => parseTag('feature/x')).toThrow(
      'input "tags": tag "feature/x" has an invalid character; tags are up to 128 of [A-Za-z0-9_.-]',
    );
    expect(() => parseTag('')).toThrow(/a tag is empty/);
  });
});

describe('helpers', () => {
  it('recognises scratch and Docker Hub aliases', () => {
    expect(isScratch('scratch')).toBe(true);
    expect(isScratch('scratchy')).toBe(false);
    expect(normalizeRegistry('INDEX.docker.io')).toBe('docker.io');
    expect(normalizeRegistry('GHCR.io')).toBe('ghcr.io');
  });
});
