import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * The layers of src/ import only downward. The lint rule (eslint.config.mjs LAYERS) refuses a
 * wrong-way import; these tests show it refusing one, and check the tree itself against the map.
 */

const ROOT = resolve(__dirname, '../..');

/**
 * Lints code as if it lived in each given src/ folder, the way `npm run lint` does: the files are
 * written into the tree (ESLint's type-aware parser only reads files of the TypeScript project),
 * linted in one call and removed.
 */
function lintAs(files: Record<string, string>): Record<string, string[]> {
  const paths = Object.keys(files).map((dir) =>
    join(ROOT, 'src', dir, `layer-check-${process.pid}.ts`),
  );
  try {
    Object.values(files).forEach((code, i) => writeFileSync(paths[i], code));
    const eslint = spawnSync(
      join(ROOT, 'node_modules/.bin/eslint'),
      ['--format', 'json', ...paths],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    const results = JSON.parse(eslint.stdout) as {
      filePath: string;
      messages: { ruleId: string | null; message: string }[];
    }[];
    return Object.fromEntries(
      Object.keys(files).map((dir, i) => [
        dir,
        (results.find((r) => r.filePath === paths[i])?.messages ?? [])
          .filter((m) => m.ruleId === 'no-restricted-imports')
          .map((m) => m.message),
      ]),
    );
  } finally {
    for (const path of paths) rmSync(path, { force: true });
  }
}

it('refuses wrong-way imports (engine → run, core → engine) and lets a layer import what is below it', () => {
  const found = lintAs({
    'image/remote': "import { runBuild } from '../../run/build';\nexport const x = runBuild;\n",
    core: "import { Transport } from '../image/transport/client';\nexport const x = Transport;\n",
    run: "import { parseOutput } from '../publish';\nexport const x = parseOutput;\n",
  });
  expect(found['image/remote']).toEqual([
    expect.stringContaining('src/image/ may import only from src/core/'),
  ]);
  expect(found.core).toEqual([expect.stringContaining('src/core/ may import only from itself')]);
  expect(found.run).toEqual([]);
}, 120_000);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

it('no file under src/image/ imports outside image/ and core/; nothing under src/core/ imports another folder', () => {
  const src = join(ROOT, 'src');
  const wrong: string[] = [];
  for (const file of sourceFiles(src)) {
    const layer = relative(src, file).split('/')[0];
    if (layer !== 'image' && layer !== 'core') continue;
    const allowed = layer === 'image' ? ['image', 'core'] : ['core'];
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.[^']*)'/g)) {
      const target = relative(src, resolve(file, '..', m[1])).split('/')[0];
      if (!allowed.includes(target)) wrong.push(`${relative(ROOT, file)} → ${m[1]}`);
    }
  }
  expect(wrong).toEqual([]);
});
