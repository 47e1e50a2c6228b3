/**
 * .dockerignore as docker reads it (moby/patternmatcher v0.6.1): cases from its
 * patternmatcher_test.go and ignorefile_test.go.
 */
import { IgnoreMatcher, readDockerignore } from '../../src/connectors/dockerignore';

function ignores(lines: string[], path: string): boolean {
  return new IgnoreMatcher(lines).ignores(path);
}

describe('readDockerignore', () => {
  it('drops comments and blanks, trims, cleans and makes absolute patterns relative', () => {
    expect(
      readDockerignore('\uFEFF# comment\n\n  docs/  \n/abs/./x\n! keep.md\nsub/../other\r\n'),
    ).toEqual(['docs', 'abs/x', '!keep.md', 'other']);
  });
});

describe('IgnoreMatcher (MatchesOrParentMatches)', () => {
  it.each([
    [['fileutils.go'], 'fileutils.go', true],
    [['*.go'], 'fileutils.go', true],
    [['*.go'], 'sub/fileutils.go', false],
    [['**/*.go'], 'sub/deep/fileutils.go', true],
    [['**/*.go'], 'fileutils.go', true],
    [['docs'], 'docs/a/b.md', true],
    [['docs'], 'docsx/a.md', false],
    [['docs/**'], 'docs/a/b.md', true],
    [['**'], 'anything/at/all', true],
    [['a?c'], 'abc', true],
    [['a?c'], 'a/c', false],
    [['[a-c]x'], 'bx', true],
    [['*.md', '!README.md'], 'README.md', false],
    [['*.md', '!README.md'], 'CHANGES.md', true],
    [['docs', '!docs/keep.md'], 'docs/keep.md', false],
    [['docs', '!docs/keep.md'], 'docs/other.md', true],
    [['!docs/keep.md', 'docs'], 'docs/keep.md', true],
    [['a.b'], 'axb', false],
    [['a\\*b'], 'a*b', true],
    [['**/foo'], 'foo', true],
    [['**/foo'], 'x/y/foo', true],
  ] as [string[], string, boolean][])('%j on %s → %s', (lines, path, want) => {
    expect(ignores(lines, path)).toBe(want);
  });

  it('knows when a "!" line names a path itself (how a key file is listed explicitly)', () => {
    const m = new IgnoreMatcher(['certs', '!certs/ca.pem']);
    expect(m.hasExceptions).toBe(true);
    expect(m.includesExplicitly('certs/ca.pem')).toBe(true);
    expect(m.includesExplicitly('certs/server.pem')).toBe(false);
  });

  it('refuses a "!" alone', () => {
    expect(() => new IgnoreMatcher(['!'])).toThrow(/"!" alone/);
  });
});
