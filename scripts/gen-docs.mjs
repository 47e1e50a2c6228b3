// Writes action.yml, gitlab/templates/slipway.yml and the generated sections of README.md and
// gitlab/README.md from the table of inputs (src/core/inputs.ts) and outputs (src/core/result.ts),
// and the README's bench tables from bench/results.json (written by `npm run bench -- --save`).
// test/unit/docs.test.ts fails when the committed files differ from what this writes.
// The generator is TypeScript (it imports the table); esbuild bundles it to a temporary CommonJS
// file first, so no TypeScript runtime is needed.
import { build } from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (path) =>
  existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined;

const dir = mkdtempSync(join(tmpdir(), 'slipway-gen-docs-'));
try {
  const outfile = join(dir, 'gen-docs.cjs');
  await build({
    entryPoints: [join(root, 'scripts/gen-docs/index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    logLevel: 'warning',
  });
  const { renderDocs } = createRequire(import.meta.url)(outfile);
  const files = await renderDocs({
    version: JSON.parse(read('package.json')).version,
    readme: read('README.md'),
    gitlabReadme: read('gitlab/README.md'),
    prettier: JSON.parse(read('.prettierrc.json')),
    bench: read('bench/results.json') && JSON.parse(read('bench/results.json')),
  });
  for (const [path, text] of Object.entries(files)) {
    if (read(path) === text) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    console.log(`gen-docs: wrote ${path}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
