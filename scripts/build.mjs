// Bundles the two entry points into dist/ as CommonJS for Node 20+.
// dist/ is committed; test/unit/dist.test.ts fails when it is not what this script writes.
import { build } from 'esbuild';
import { join } from 'node:path';

// `node scripts/build.mjs [outdir]`: the dist test builds into a temp dir and compares.
const outdir = process.argv[2] ?? 'dist';

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  legalComments: 'none',
  logLevel: 'warning',
  // Stable output: no absolute paths or timestamps in the bundle.
  sourcemap: false,
  minify: false,
  // Some dependencies are ESM and read import.meta.url, which a CJS bundle lacks: give them the
  // bundle's own file URL.
  define: { 'import.meta.url': '__slipway_import_meta_url' },
  banner: {
    js: "const __slipway_import_meta_url = require('url').pathToFileURL(__filename).href;",
  },
};

await build({ ...shared, entryPoints: ['src/index.ts'], outfile: join(outdir, 'index.js') });
await build({
  ...shared,
  entryPoints: ['src/cli.ts'],
  outfile: join(outdir, 'cli.js'),
  banner: { js: `#!/usr/bin/env node\n${shared.banner.js}` },
});
