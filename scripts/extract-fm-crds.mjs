// Extracts the openAPIV3Schema of the Function Mesh Function, Sink and Source CRDs of one operator
// release into compact JSON under src/connectors/functionmesh/crds/<tag>/, which
// src/connectors/functionmesh/schema.ts validates generated resources against.
//
//   node scripts/extract-fm-crds.mjs <function-mesh git dir or checkout> <tag>
//   e.g. node scripts/extract-fm-crds.mjs /work/.mirror/streamnative+function-mesh/repo v0.27.2
//
// The schemas are copied as the CRD YAML (config/crd/bases/compute.functionmesh.io_*.yaml) has
// them, x-kubernetes-* keywords included; only `status` is left out (the API server ignores it on
// create: the CRDs have a status subresource) and descriptions (none in these CRDs) are dropped.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const [repo, tag] = process.argv.slice(2);
if (!repo || !tag) {
  process.stderr.write('usage: node scripts/extract-fm-crds.mjs <function-mesh repo> <tag>\n');
  process.exit(2);
}
const gitDir = existsSync(join(repo, '.git')) ? join(repo, '.git') : repo;
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8' });
const commit = git('rev-parse', `${tag}^{commit}`).trim();

function clean(node) {
  if (Array.isArray(node)) return node.map(clean);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'description') continue;
    // `format:` with no value in the YAML means no format.
    if (key === 'format' && (value === null || value === '')) continue;
    out[key] = clean(value);
  }
  return out;
}

const outDir = join('src/connectors/functionmesh/crds', tag);
mkdirSync(outDir, { recursive: true });
for (const [kind, plural] of [
  ['Function', 'functions'],
  ['Sink', 'sinks'],
  ['Source', 'sources'],
]) {
  const path = `config/crd/bases/compute.functionmesh.io_${plural}.yaml`;
  const crd = parse(git('show', `${commit}:${path}`));
  const version = crd.spec.versions.find((v) => v.name === 'v1alpha1');
  const schema = clean(version.schema.openAPIV3Schema);
  delete schema.properties.status;
  const doc = {
    source: `streamnative/function-mesh ${tag} (${commit}) ${path}`,
    operatorVersion: tag,
    kind,
    apiVersion: `${crd.spec.group}/${version.name}`,
    openAPIV3Schema: schema,
  };
  const file = join(outDir, `${plural}.json`);
  writeFileSync(file, `${JSON.stringify(doc)}\n`);
  process.stdout.write(`${file}\n`);
}
