// Bundles the two entry points into dist/ for Node 20+: `node scripts/build.mjs [outdir]`.
// dist/ is committed; test/unit/dist.test.ts fails when it is not what this script writes.
//
// ESM with code splitting: the cloud SDKs (about 6 MB, loaded with import() only when their
// provider is used) land in their own chunks, so a run parses only what it needs. One CJS file
// took 0.3 s just to compile before doing anything.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// `--entry name=path` adds an entry point: tests bundle their drivers exactly as dist/ is bundled.
// `--metafile FILE` writes esbuild's account of which modules went into which file.
const args = process.argv.slice(2);
const extra = {};
for (let i = args.indexOf('--entry'); i >= 0; i = args.indexOf('--entry', i + 1)) {
  const [name, path] = args[i + 1].split('=');
  extra[name] = path;
}
const metafile = args.includes('--metafile') ? args[args.indexOf('--metafile') + 1] : undefined;
const outdir = args[0] && !args[0].startsWith('--') ? args[0] : 'dist';
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

// @actions/core loads its OIDC client when it loads, and with it @actions/http-client (undici,
// 0.7 MB: most of what the action's start-up compiled), although only a run that signs or logs in
// to a cloud asks for a token. In the bundle, core's `require("./oidc-utils")` gets this stand-in,
// which loads the real client on the first getIDToken.
const lazyActionsOidc = {
  name: 'lazy-actions-oidc',
  setup(b) {
    b.onResolve({ filter: /^\.\/oidc-utils$/ }, (args) =>
      /[/\\]@actions[/\\]core[/\\]lib[/\\]core\.js$/.test(args.importer)
        ? { path: 'oidc-utils', namespace: 'lazy-actions-oidc', pluginData: args.resolveDir }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-actions-oidc' }, (args) => ({
      resolveDir: args.pluginData,
      loader: 'js',
      contents: [
        'export class OidcClient {',
        '  static async getIDToken(audience) {',
        "    const real = await import('./oidc-utils.js');",
        '    return (real.default ?? real).OidcClient.getIDToken(audience);',
        '  }',
        '}',
      ].join('\n'),
    }));
  },
};

// The CycloneDX library tries its JSON schema validator when it loads (inside try/catch, like
// the XML plugins kept out below): ajv is in the bundle for Function Mesh's schemas, so the
// validator would compile and set up 0.26 MB of ajv on every run that writes an SBOM, only to
// fail on ajv-formats. Slipway does not validate SBOMs with it: the validator is left out.
const cyclonedxWithoutValidator = {
  name: 'cyclonedx-without-validator',
  setup(b) {
    b.onResolve({ filter: /^\.\/__jsonValidators\/ajv$/ }, (args) =>
      /[/\\]@cyclonedx[/\\]/.test(args.importer)
        ? { path: 'ajv', namespace: 'cyclonedx-without-validator' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'cyclonedx-without-validator' }, () => ({
      loader: 'js',
      contents: "throw new Error('not bundled: Slipway does not validate SBOMs with ajv');",
    }));
  },
};

// Node 22+ makes an ES module of a built-in by reading every one of its exports, and node:http's
// include getters (WebSocket, ...) that load Node's own undici: 40 ms of the action's start on
// Node 24, for classes Slipway never uses. require() hands over the module object untouched, so
// http and https are required through the banner's require, for our code and every dependency.
const requiredHttp = {
  name: 'required-http',
  setup(b) {
    b.onResolve({ filter: /^(node:)?https?$/ }, (args) =>
      args.namespace === 'required-http'
        ? { path: args.path, external: true }
        : { path: args.path.replace(/^(node:)?/, 'node:'), namespace: 'required-http' },
    );
    b.onLoad({ filter: /.*/, namespace: 'required-http' }, (args) => ({
      loader: 'js',
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
    }));
  },
};

const result = await build({
  metafile: metafile !== undefined,
  plugins: [lazyActionsOidc, cyclonedxWithoutValidator, requiredHttp],
  entryPoints: { index: 'src/index.ts', cli: 'src/cli.ts', ...extra },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  // `slipway --version` says package.json's version without bundling package.json itself.
  define: {
    SLIPWAY_VERSION: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version),
  },
  logLevel: 'warning',
  // The CycloneDX library's optional plugins (XML, schema validation): it requires them inside
  // try/catch and works without them; Slipway writes JSON only, so they stay out of the bundle.
  external: ['libxmljs2', 'ajv-formats', 'ajv-formats-draft2019', 'xmlbuilder2'],
  // Stable output: no absolute paths or timestamps in the bundle.
  sourcemap: false,
  // Whitespace and comments only: a third less to read and parse at every start (20 ms of an
  // unchanged re-push), while stack traces keep the functions' own names.
  minifyWhitespace: true,
  banner: {
    // Bundled CommonJS dependencies call require() for Node's built-ins and read __dirname
    // (google-gax), which ES modules do not define.
    js: [
      '#!/usr/bin/env node',
      "import { createRequire as __slipwayCreateRequire } from 'node:module';",
      "import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';",
      'const require = __slipwayCreateRequire(import.meta.url);',
      'const __filename = __slipwayFileURLToPath(import.meta.url);',
      "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
    ].join('\n'),
  },
});
// The files are ES modules under the .js names that action.yml and the npm bin point at.
writeFileSync(join(outdir, 'package.json'), '{\n  "type": "module"\n}\n');
if (metafile) writeFileSync(metafile, JSON.stringify(result.metafile));
