// Writes the build context of Slipway's own container image, which Slipway then builds natively
// from the Dockerfile here (no RUN, so no Docker daemon) onto a Node.js base:
//
//   node scripts/slipway-image.mjs --base docker.io/library/node:22-slim --dist dist --out DIR
//   node dist/cli.js build --working-directory DIR --dockerfile Dockerfile --image ghcr.io/<owner>/slipway
//
// The image is the GitLab component's default job image: `slipway` on PATH, a shell for the
// runner, no ENTRYPOINT (GitLab runs the job script through the image's shell).
import { chmodSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { base: { type: 'string' }, dist: { type: 'string' }, out: { type: 'string' } },
});
const { base, dist, out } = values;
if (!base || !dist || !out || !existsSync(join(dist, 'cli.js'))) {
  console.error(
    'usage: node scripts/slipway-image.mjs --base NODE_IMAGE --dist DIR_WITH_cli.js --out DIR',
  );
  process.exit(2);
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(dist, join(out, 'dist'), { recursive: true });
const wrapper = join(out, 'slipway');
writeFileSync(wrapper, '#!/bin/sh\nexec node /opt/slipway/cli.js "$@"\n');
chmodSync(wrapper, 0o755);
writeFileSync(
  join(out, 'Dockerfile'),
  [
    `FROM ${base}`,
    'COPY dist/ /opt/slipway/',
    'COPY slipway /usr/local/bin/slipway',
    'CMD ["slipway", "--help"]',
    '',
  ].join('\n'),
);
console.log(`slipway-image: wrote ${out} (FROM ${base})`);
