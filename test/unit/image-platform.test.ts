import { InputError } from '../../src/core/errors';
import {
  bestMatch,
  checkedPlatform,
  formatPlatform,
  isUnknownPlatform,
  normalizePlatform,
  parsePlatform,
  parsePlatforms,
  samePlatform,
} from '../../src/image/platform';
import type { Platform } from '../../src/image/types';

describe('platforms', () => {
  it.each([
    ['linux/amd64', 'linux/amd64'],
    ['linux/x86_64', 'linux/amd64'],
    ['linux/amd64/v1', 'linux/amd64'],
    ['linux/amd64/v3', 'linux/amd64/v3'],
    ['linux/aarch64', 'linux/arm64'],
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/arm64/8', 'linux/arm64'],
    ['linux/arm', 'linux/arm/v7'],
    ['linux/arm/6', 'linux/arm/v6'],
    ['linux/armhf', 'linux/arm/v7'],
    ['linux/i386', 'linux/386'],
    ['Linux/AMD64', 'linux/amd64'],
    ['windows/amd64', 'windows/amd64'],
    ['linux/s390x', 'linux/s390x'],
  ])('parses %s as %s', (input, formatted) => {
    expect(formatPlatform(parsePlatform(input))).toBe(formatted);
  });

  it.each([
    ['linux', /is malformed; write os\/architecture\[\/variant\]/],
    ['linux/amd64/v8/x', /is malformed/],
    ['linux//v7', /is malformed/],
    ['plan10/amd64', /unknown operating system "plan10"/],
    ['linux/amd65', /unknown architecture "amd65"/],
    ['linux/arm/v7!', /invalid variant/],
  ])('rejects %s', (input, message) => {
    expect(() => parsePlatform(input)).toThrow(InputError);
    expect(() => parsePlatform(input)).toThrow(message);
    expect(() => parsePlatform(input)).toThrow(/input "platforms": platform/);
  });

  it('drops duplicates after normalisation', () => {
    expect(
      parsePlatforms(['linux/arm64', 'linux/aarch64', 'linux/arm64/v8', 'linux/amd64']).map(
        formatPlatform,
      ),
    ).toEqual(['linux/arm64', 'linux/amd64']);
  });

  it('compares normalised platforms', () => {
    expect(
      samePlatform(
        { os: 'linux', architecture: 'arm64', variant: 'v8' },
        { os: 'linux', architecture: 'aarch64' },
      ),
    ).toBe(true);
    expect(
      samePlatform(
        { os: 'linux', architecture: 'arm', variant: 'v6' },
        { os: 'linux', architecture: 'arm' },
      ),
    ).toBe(false);
    expect(
      normalizePlatform({ os: 'linux', architecture: 'arm64', variant: 'v8', 'os.version': '1' }),
    ).toEqual({
      os: 'linux',
      architecture: 'arm64',
      'os.version': '1',
    });
  });

  it('recognises attestation entries', () => {
    expect(isUnknownPlatform({ os: 'unknown', architecture: 'unknown' })).toBe(true);
    expect(isUnknownPlatform(undefined)).toBe(true);
    expect(isUnknownPlatform({ os: 'linux', architecture: 'amd64' })).toBe(false);
  });

  it('matches a request against an index', () => {
    const index: Platform[] = [
      { os: 'linux', architecture: 'amd64' },
      { os: 'linux', architecture: 'arm', variant: 'v6' },
      { os: 'linux', architecture: 'arm', variant: 'v7' },
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'linux', architecture: 'ppc64le', variant: 'power9' },
    ];
    const find = (s: string) => bestMatch(parsePlatform(s), index, (p) => p);
    expect(find('linux/arm64')).toBe(index[3]);
    expect(find('linux/arm/v7')).toBe(index[2]);
    expect(find('linux/arm')).toBe(index[2]);
    expect(find('linux/arm/v6')).toBe(index[1]);
    expect(find('linux/x86_64')).toBe(index[0]);
    expect(find('linux/ppc64le')).toBe(index[4]);
    expect(find('linux/s390x')).toBeUndefined();
    expect(find('linux/arm/v5')).toBeUndefined();
  });
});

describe('checkedPlatform: what an image states about its platform', () => {
  it('passes platform words through', () => {
    const p = { os: 'linux', architecture: 'arm64', variant: 'v8', 'os.version': '10.0.17763.1' };
    expect(checkedPlatform(p, 'The base image x')).toBe(p);
    expect(checkedPlatform({ os: 'linux', architecture: 'amd64', variant: '' }, 'x')).toBeTruthy();
  });

  it.each([
    [{ os: 'linux\n| forged |', architecture: 'amd64' }, 'os'],
    [{ os: 'linux', architecture: '[x](https://evil.example)' }, 'architecture'],
    [{ os: 'linux', architecture: 'arm', variant: 'v7 <b>' }, 'variant'],
    [{ os: '', architecture: 'amd64' }, 'os'],
  ] as [Platform, string][])('refuses %j (its %s)', (p, field) => {
    expect(() => checkedPlatform(p, 'The base image r/x:1')).toThrow(
      new RegExp(
        `^The base image r/x:1 states the platform ${field.replace('.', '\\.')} ".*", which is not a platform name`,
      ),
    );
  });
});
