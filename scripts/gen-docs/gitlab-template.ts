import { Document, isScalar } from 'yaml';
import type { YAMLMap } from 'yaml';
import { SIGSTORE_AUDIENCE } from '../../src/attest/identity';
import { inputCommands } from '../../src/core/inputs';
import type { InputName, InputSpec } from '../../src/core/inputs';
import { GROUP_TITLES, inputsInOrder } from './groups';
import { GENERATED_NOTE, commentAbove } from './action-yml';

/**
 * Every file the job keeps for later jobs lives under this folder of the project directory, which
 * is the job's `artifacts: paths`: the run's workspace (rendered Dockerfile, Function Mesh
 * resource), the metadata JSON and the dotenv report. Paths in the report are relative to the
 * project directory, so they hold in every later job.
 */
export const OUTPUT_DIR = '.slipway';

/** The dotenv report the job writes and publishes; the CLI writes it with --dotenv. */
export const DOTENV_FILE = `${OUTPUT_DIR}/slipway.env`;

/** The `metadata` output (every output as JSON), written with --metadata. */
export const METADATA_FILE = `${OUTPUT_DIR}/metadata.json`;

/**
 * The image SBOM (output `sbom`) of each run: `sbom.cdx.json` in the run's workspace, a
 * `slipway-*` folder under RUNNER_TEMP, which the job points at OUTPUT_DIR (src/run/workspace.ts,
 * src/run/before-tags.ts). A pattern, as GitLab's own SBOM reports are, so that `build --all`
 * reports the SBOM of every project.
 */
export const SBOM_REPORT = `${OUTPUT_DIR}/slipway-*/sbom.cdx.json`;

/**
 * The job image in the repository's template: not a pullable reference (an upper-case namespace is
 * invalid), so that nobody else's image can ever stand in for it. The release workflow writes the
 * catalog project with Slipway's own image pinned by digest in its place
 * (scripts/gitlab-component.mjs).
 */
export const UNPINNED_JOB_IMAGE = 'ghcr.io/OWNER/slipway:pinned-at-release';

/** Inputs of the component that the action does not have: they shape the GitLab job itself. */
export const JOB_INPUTS = (
  version: string,
): Record<string, { description: string; default: string }> => ({
  stage: { description: 'Stage of the job.', default: 'build' },
  'job-name': { description: 'Name of the job.', default: 'slipway' },
  'job-image': {
    description: `Container image the job runs in: Slipway's own image (Node.js and the slipway ${version} CLI), pinned by digest at release. Any image with Node.js 20+ and the CLI works.`,
    default: UNPINNED_JOB_IMAGE,
  },
  'slipway-command': {
    description:
      'Command that runs the Slipway CLI; the default is the slipway in the job image, nothing is downloaded at job time.',
    default: 'slipway',
  },
  'merge-request-output': {
    description:
      'output in merge-request pipelines: none is a dry run that validates the connector and prints the digest without pushing; registry pushes (e.g. with mr-<N> tags).',
    default: 'none',
  },
});

/** Secrets never go through inputs (they would sit in .gitlab-ci.yml): the CLI reads them from these variables. */
export function secretVariable(name: InputName): string {
  return `SLIPWAY_${name.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * Where the job keeps a string input. A value goes through a job variable, not straight into the
 * script, so quotes, `$(…)` or newlines in it reach the CLI as data instead of shell code. The
 * prefix keeps these apart from the SLIPWAY_<INPUT> variables the CLI reads by itself and from the
 * SLIPWAY_<OUTPUT> variables an earlier Slipway job's dotenv report brings in.
 */
export function jobVariable(name: string): string {
  return `SLIPWAY_INPUT_${name.toUpperCase().replace(/-/g, '_')}`;
}

type SpecEntry = {
  type: 'string' | 'boolean' | 'number';
  description: string;
  default: string | boolean | number;
  options?: string[];
};

function specEntry(spec: InputSpec): SpecEntry {
  let description = spec.description;
  if (spec.type === 'list') description += ' Comma- or newline-separated.';
  if (spec.type === 'map') description += ' Comma- or newline-separated key=value pairs.';
  if (spec.type === 'boolean') {
    return { type: 'boolean', description, default: spec.default === 'true' };
  }
  if (spec.type === 'number') {
    return { type: 'number', description, default: Number(spec.default) };
  }
  const entry: SpecEntry = { type: 'string', description, default: spec.default };
  if (spec.choices) entry.options = [...spec.choices];
  return entry;
}

function header(version: string): Document {
  const inputs: Record<string, SpecEntry> = {};
  const groupStarts = new Map<string, string>();
  const secretNames: string[] = [];
  for (const { name, spec, opensGroup } of inputsInOrder()) {
    if (opensGroup) groupStarts.set(name, GROUP_TITLES[opensGroup]);
    if (spec.secret) {
      secretNames.push(`${name} (${secretVariable(name)})`);
      continue;
    }
    inputs[name] = specEntry(spec);
  }
  const jobInputs = JOB_INPUTS(version);
  for (const [name, input] of Object.entries(jobInputs)) {
    inputs[name] = { type: 'string', ...input };
  }
  groupStarts.set('stage', 'The GitLab job');

  const doc = new Document({ spec: { inputs } });
  doc.commentBefore = [
    GENERATED_NOTE,
    ' Use: include: - component: $CI_SERVER_FQDN/<group>/slipway/slipway@<version> (see gitlab/README.md).',
    ' Secrets are not inputs, which would put them in .gitlab-ci.yml: set masked CI/CD variables',
    ` instead: ${secretNames.join(', ')}.`,
    ' With the GitLab registry (the default when the image input is empty and CI_REGISTRY is set)',
    ' the CLI logs in with CI_REGISTRY_USER and CI_REGISTRY_PASSWORD; no variable is needed.',
  ].join('\n');
  const inputsMap = (doc.get('spec') as YAMLMap).get('inputs') as YAMLMap;
  inputsMap.items.forEach((pair, index) => {
    const key = String(isScalar(pair.key) ? pair.key.value : '');
    const title = groupStarts.get(key);
    if (title !== undefined) commentAbove(pair, ` ${title}`, index > 0);
  });
  return doc;
}

function script(): string {
  const interpolate = (name: string): string => `$[[ inputs.${name} ]]`;
  const flags: string[] = [];
  for (const { name, spec } of inputsInOrder()) {
    // Secrets come from variables; inputs only another command takes (verify's) are not build
    // flags. `mode` is offered by no command but build keeps it as a hidden flag for this job.
    const commands = inputCommands(name);
    if (spec.secret || (commands.length > 0 && !commands.includes('build'))) continue;
    // Booleans and numbers are checked by GitLab against their type, so they are safe to put in
    // the script as they are; strings are data and go through their job variable.
    const value =
      spec.type === 'boolean' || spec.type === 'number'
        ? interpolate(name)
        : `"$${jobVariable(name)}"`;
    flags.push(`--${name} ${value}`);
  }
  // Written by the CLI, never by a shell redirect, which would follow a link committed there.
  flags.push(`--dotenv ${DOTENV_FILE}`, `--metadata ${METADATA_FILE}`, '--json');
  const image = jobVariable('image');
  return [
    '# Files for later jobs go under the project directory (artifacts: paths).',
    `mkdir -p ${OUTPUT_DIR}`,
    `export RUNNER_TEMP="$PWD/${OUTPUT_DIR}"`,
    '# Reproducible digests: the commit time, also when the job image has no git.',
    'if [ -z "${SOURCE_DATE_EPOCH:-}" ] && [ -n "${CI_COMMIT_TIMESTAMP:-}" ]; then',
    '  SOURCE_DATE_EPOCH=$(date -u -d "$CI_COMMIT_TIMESTAMP" +%s 2>/dev/null) && export SOURCE_DATE_EPOCH || unset SOURCE_DATE_EPOCH',
    'fi',
    "# The project's own GitLab registry is the default target.",
    `if [ -z "$${image}" ] && [ -n "\${CI_REGISTRY_IMAGE:-}" ]; then`,
    `  ${image}="$CI_REGISTRY_IMAGE"`,
    'fi',
    `${interpolate('slipway-command')} build \\`,
    ...flags.map((flag, i) => `  ${flag}${i === flags.length - 1 ? '' : ' \\'}`),
    '',
  ].join('\n');
}

function job(): Document {
  const variables: Record<string, string> = {};
  for (const { name, spec } of inputsInOrder()) {
    if (spec.secret || spec.type === 'boolean' || spec.type === 'number') continue;
    variables[jobVariable(name)] = `$[[ inputs.${name} ]]`;
  }
  return new Document({
    '$[[ inputs.job-name ]]': {
      stage: '$[[ inputs.stage ]]',
      image: '$[[ inputs.job-image ]]',
      // Push on the default branch and on tags; a merge request is a dry run unless the
      // merge-request-output input says otherwise. Other branches do not run the job; extend it
      // with your own rules: to change that.
      rules: [
        {
          if: '$CI_PIPELINE_SOURCE == "merge_request_event"',
          variables: { [jobVariable('output')]: '$[[ inputs.merge-request-output ]]' },
        },
        { if: '$CI_COMMIT_TAG' },
        { if: '$CI_COMMIT_BRANCH && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' },
      ],
      // The OIDC token for keyless signing (sign: true), in the variable the CLI reads: GitLab
      // mints it only for jobs that declare it.
      id_tokens: {
        '$[[ inputs.sigstore-token-variable ]]': { aud: SIGSTORE_AUDIENCE },
      },
      variables,
      script: [script()],
      artifacts: {
        paths: [`${OUTPUT_DIR}/`],
        reports: { dotenv: DOTENV_FILE, cyclonedx: [SBOM_REPORT] },
      },
    },
  });
}

/** gitlab/templates/slipway.yml: the spec header, `---`, the job. */
export function renderGitlabTemplate(version: string): string {
  return `${header(version).toString({ lineWidth: 0 })}---\n${job().toString({ lineWidth: 0 })}`;
}
