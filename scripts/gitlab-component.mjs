// Writes the GitLab CI/CD Catalog project of a release from gitlab/: templates/slipway.yml with
// the job image pinned to Slipway's own image by digest, README.md and LICENSE at the root, as the
// catalog expects a component project (https://docs.gitlab.com/ci/components/#directory-structure).
//
//   node scripts/gitlab-component.mjs --image ghcr.io/<owner>/slipway@sha256:<digest> --out DIR
//
// The release workflow (.github/workflows/release.yml) runs it after pushing the image and pushes
// DIR to the component project with the release tag.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The placeholder scripts/gen-docs/gitlab-template.ts writes (UNPINNED_JOB_IMAGE).
const UNPINNED = 'ghcr.io/OWNER/slipway:pinned-at-release';

const { values } = parseArgs({
  options: { image: { type: 'string' }, out: { type: 'string' } },
});
const image = values.image ?? '';
if (!/^[a-z0-9][a-z0-9._/:-]*@sha256:[0-9a-f]{64}$/.test(image) || values.out === undefined) {
  console.error(
    'usage: node scripts/gitlab-component.mjs --image REPO@sha256:<64 hex> --out DIR (the job image must be pinned by digest)',
  );
  process.exit(2);
}
const template = readFileSync(join(root, 'gitlab/templates/slipway.yml'), 'utf8');
const placeholder = `default: ${UNPINNED}\n`;
if (template.split(placeholder).length !== 2) {
  console.error(`gitlab/templates/slipway.yml does not hold "${placeholder.trim()}" exactly once`);
  process.exit(1);
}
const out = values.out;
mkdirSync(join(out, 'templates'), { recursive: true });
writeFileSync(
  join(out, 'templates/slipway.yml'),
  template.replace(placeholder, `default: ${image}\n`),
);
cpSync(join(root, 'gitlab/README.md'), join(out, 'README.md'));
cpSync(join(root, 'LICENSE'), join(out, 'LICENSE'));
// The component project's pipeline: a tag creates the GitLab release, which publishes this
// version to the CI/CD Catalog (the project must be marked as a catalog project once).
writeFileSync(
  join(out, '.gitlab-ci.yml'),
  [
    'create-release:',
    '  image: registry.gitlab.com/gitlab-org/release-cli:latest',
    '  rules:',
    '    - if: $CI_COMMIT_TAG =~ /^\\d+\\.\\d+\\.\\d+$/',
    '  script: echo "Publishing Slipway $CI_COMMIT_TAG to the CI/CD Catalog"',
    '  release:',
    '    tag_name: $CI_COMMIT_TAG',
    '    description: Slipway $CI_COMMIT_TAG',
    '',
  ].join('\n'),
);
console.log(`gitlab-component: wrote ${out} (job image ${image})`);
