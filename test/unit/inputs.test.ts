import { parseList, readInputs } from '../../src/core/inputs';

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
