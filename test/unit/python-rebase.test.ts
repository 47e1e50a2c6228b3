/**
 * What a rebase asks of a new base for an image with Python dependencies: the dependency layer's
 * history names the Python it was installed for, and the new base's Python must import it.
 */
import { dependenciesMismatch, installedFor } from '../../src/assemble/history';
import type { InstalledFor } from '../../src/assemble/history';

const built: InstalledFor = {
  version: '3.11',
  libc: 'glibc',
  libcVersion: '2.31',
  sitePackages: '/usr/local/lib/python3.11/site-packages',
};

test('the history line names the target, and reads back', () => {
  const line =
    'COPY deps/linux/amd64/ / (Python 3.11 (glibc 2.31, /usr/local/lib/python3.11/site-packages) dependencies from uv.lock: 12 packages) # slipway';
  expect(installedFor(line)).toEqual(built);
  expect(installedFor('COPY --chown=1000:1000 main.py /airbyte/integration_code/ # slipway')).toBe(
    undefined,
  );
  // Written by Slipway before the target was recorded: not a dependency layer it can check.
  expect(
    installedFor('COPY deps/linux/amd64/ / (Python 3.11 dependencies from uv.lock: 2 packages)'),
  ).toBe(undefined);
});

test.each<[string, Partial<InstalledFor>, boolean]>([
  ['the same Python', {}, true],
  ['a newer glibc', { libcVersion: '2.36' }, true],
  ['glibc 2.4 after 2.31 (numbers, not text)', { libcVersion: '2.4' }, false],
  ['an older glibc', { libcVersion: '2.28' }, false],
  ['another minor version', { version: '3.12' }, false],
  ['musl instead of glibc', { libc: 'musl', libcVersion: '1.2' }, false],
  ['another site-packages', { sitePackages: '/usr/lib/python3/dist-packages' }, false],
])('a new base with %s: %s', (_what, change, works) => {
  const why = dependenciesMismatch(built, { ...built, ...change });
  if (works) expect(why).toBeUndefined();
  else
    expect(why).toMatch(
      /^runs Python .*, but the image's dependencies were installed for Python 3\.11 \(glibc 2\.31, \/usr\/local\/lib\/python3\.11\/site-packages\)$/,
    );
});
