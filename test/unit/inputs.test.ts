import { InputError } from '../../src/core/errors';
import { parseList, readInputs } from '../../src/core/inputs';
import type { InputName } from '../../src/core/inputs';

function inputs(given: Partial<Record<InputName, string>>): ReturnType<typeof readInputs> {
  return readInputs((name) => given[name]);
}

describe('key=value inputs (labels, annotations)', () => {
  it("takes docker/metadata-action's multi-line output as it is: commas inside values are kept", () => {
    const labels = [
      'org.opencontainers.image.title=counter',
      'org.opencontainers.image.description=Counts things, fast',
      'org.opencontainers.image.url=https://github.com/acme/counter',
      'org.opencontainers.image.version=1.2.3',
      '',
    ].join('\n');
    expect(inputs({ labels }).labels).toEqual({
      'org.opencontainers.image.title': 'counter',
      'org.opencontainers.image.description': 'Counts things, fast',
      'org.opencontainers.image.url': 'https://github.com/acme/counter',
      'org.opencontainers.image.version': '1.2.3',
    });
    const annotations =
      'manifest:org.opencontainers.image.description=Counts things, fast\r\nindex:org.opencontainers.image.title=counter';
    expect(inputs({ annotations }).annotations).toEqual({
      'manifest:org.opencontainers.image.description': 'Counts things, fast',
      'index:org.opencontainers.image.title': 'counter',
    });
  });

  it('one line: comma-separated entries, and a piece without "=" continues the value before', () => {
    expect(inputs({ labels: 'team=data, tier=gold' }).labels).toEqual({
      team: 'data',
      tier: 'gold',
    });
    expect(inputs({ labels: 'description=Counts things, fast' }).labels).toEqual({
      description: 'Counts things, fast',
    });
  });

  it('a label without "=" is one line naming the value and the fix', () => {
    expect(() => inputs({ labels: 'team=data\nnot-a-label' })).toThrow(InputError);
    expect(() => inputs({ labels: 'team=data\nnot-a-label' })).toThrow(
      'Input "labels": "not-a-label" is not key=value; write e.g. labels: team=data',
    );
  });
});

describe('defaults that are safe for releases', () => {
  it('if-exists defaults to protect-releases and strict-version to false', () => {
    const all = inputs({});
    expect(all['if-exists']).toBe('protect-releases');
    expect(all['strict-version']).toBe(false);
    expect(all.annotations).toEqual({});
  });
});

describe('list inputs', () => {
  it('split on commas and line breaks, trimmed, empties dropped', () => {
    expect(parseList('a, b\nc,,\n')).toEqual(['a', 'b', 'c']);
  });

  it('build-args: one per line when the text has a line break, so an argument may hold commas', () => {
    const read = (raw: string): string[] =>
      readInputs((name) => (name === 'build-args' ? raw : undefined))['build-args'];
    expect(read('-Dlist=a,b\n-DskipTests\n')).toEqual(['-Dlist=a,b', '-DskipTests']);
    expect(read('-Dlist=a,b\r\n')).toEqual(['-Dlist=a,b']);
    // The comma form stays for a single line.
    expect(read('-DskipTests,-Pfast')).toEqual(['-DskipTests', '-Pfast']);
    // Other lists keep splitting on both.
    expect(readInputs((n) => (n === 'tags' ? 'a,b\nc' : undefined)).tags).toEqual(['a', 'b', 'c']);
  });
});
