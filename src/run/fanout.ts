import { projectInputs } from '../connectors/projects';
import type { Project } from '../connectors/projects';
import { INPUTS } from '../core/inputs';
import type { InputName, InputSpec } from '../core/inputs';

/**
 * Fan-out on the CI's own jobs: one build job per project. GitHub gets job matrices for
 * `strategy.matrix: ${{ fromJSON(...) }}`; GitLab gets a child pipeline with one component job per
 * project and a summary job.
 */

/** GitHub's limit of jobs one matrix may generate. */
export const GITHUB_MATRIX_LIMIT = 256;

/** Always in every entry, so a workflow can pass them with `${{ matrix.<key> }}`. */
export const MATRIX_KEYS = [
  'name',
  'working-directory',
  'connector-type',
  'artifact-format',
  'image',
  'artifact',
  'class-name',
  'build-args',
] as const;

/** `name` plus action input names; an empty value leaves the action's default. */
export type MatrixEntry = Record<string, string>;

export interface GitHubMatrix {
  include: MatrixEntry[];
}

/**
 * The matrix entries of `projects`, split into matrices of at most `limit` entries. Every entry has
 * MATRIX_KEYS, plus any other input a project sets in slipway.yaml (then present, maybe empty, in
 * every entry, because the workflow's `with:` is written once for all).
 */
export function gitHubMatrices(projects: Project[], limit = GITHUB_MATRIX_LIMIT): GitHubMatrix[] {
  const perProject = projects.map((p) => ({ name: p.name, ...projectInputs(p) }));
  const keys = [
    ...MATRIX_KEYS,
    ...[...new Set(perProject.flatMap((e) => Object.keys(e)))]
      .filter((k) => !(MATRIX_KEYS as readonly string[]).includes(k))
      .sort(),
  ];
  const entries = perProject.map((e) => {
    const values = e as Record<string, string | undefined>;
    return Object.fromEntries(keys.map((k) => [k, values[k] ?? '']));
  });
  const matrices: GitHubMatrix[] = [];
  for (let i = 0; i < entries.length; i += limit) {
    matrices.push({ include: entries.slice(i, i + limit) });
  }
  return matrices;
}

/**
 * Step outputs for a discover job: `matrix` (the first matrix), `matrix-2` … up to `matrices`
 * (the workflow declares as many build jobs as it may need, each guarded by
 * `if: needs.discover.outputs.matrix-N != ''`), `count` (projects) and `matrices` (how many).
 * Empty selections give `matrix` = '' so the build job is skipped: GitHub rejects an empty matrix.
 */
export function gitHubMatrixOutputs(
  matrices: GitHubMatrix[],
  declaredJobs = 4,
): Record<string, string> {
  const outputs: Record<string, string> = {
    count: String(matrices.reduce((n, m) => n + m.include.length, 0)),
    matrices: String(matrices.length),
  };
  const slots = Math.max(declaredJobs, matrices.length);
  for (let i = 0; i < slots; i++) {
    const json = matrices[i] ? JSON.stringify(matrices[i]) : '';
    outputs[i === 0 ? 'matrix' : `matrix-${i + 1}`] = json;
  }
  return outputs;
}

/** How the child pipeline includes the Slipway component. */
export type GitLabTemplate = { component: string } | { local: string } | { remote: string };

export interface GitLabPipelineOptions {
  template: GitLabTemplate;
  /** Component inputs for every job (job-image, slipway-command, tags, registry-provider …). */
  inputs?: Record<string, string>;
  /** Stage of the build jobs (the component's `stage` input); default build. */
  stage?: string;
  /** Image of the summary job; default the component's default job image. */
  summaryImage?: string;
}

/** Inputs of the component that are not action inputs: they shape the GitLab job itself. */
const JOB_INPUTS = ['stage', 'job-name', 'job-image', 'slipway-command'];

export const SUMMARY_JOB = 'slipway-summary';
const RESULTS_DIR = 'slipway-results';
const SUMMARY_FILE = 'slipway-summary.md';

/** A GitLab job name from a project name: letters, digits, `-`, `_`, `.`. */
export function gitLabJobName(projectName: string): string {
  return `slipway-${projectName.replace(/[^A-Za-z0-9._-]+/g, '-')}`;
}

/** Component inputs are typed: a boolean or number input must get a YAML boolean or number. */
function typedInput(name: string, value: string): string | number | boolean {
  const spec = (INPUTS as Record<string, InputSpec | undefined>)[name];
  if (spec?.type === 'boolean') return value.trim().toLowerCase() === 'true';
  if (spec?.type === 'number' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return Number(value);
  }
  return value;
}

/** Inputs the component accepts: action inputs without the secrets (those are CI variables), and job inputs. */
function componentInput(name: string): boolean {
  if (JOB_INPUTS.includes(name)) return true;
  const spec = (INPUTS as Record<string, InputSpec | undefined>)[name as InputName];
  return spec !== undefined && !spec.secret;
}

/** JSON is YAML: every value is written as a JSON scalar, so no quoting rule of YAML can bite. */
function yamlValue(value: string | number | boolean): string {
  return JSON.stringify(value);
}

/** A word for the job's POSIX shell: single-quoted, so nothing in it is expanded. */
function shellWord(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The summary job's script, one multi-line command (a loop split over script items would get
 * the runner's echo lines between its parts): one row per build job (image, digest, status) from
 * the files they left in slipway-results/, into slipway-summary.md; a job that left none counts
 * as failed; fails when a build failed. The table is written to a new temporary file renamed
 * into place, and a committed link (or folder) at slipway-summary.md is refused, not followed.
 */
function summaryScript(jobs: readonly string[]): string {
  return [
    `if [ -L ${SUMMARY_FILE} ] || [ -d ${SUMMARY_FILE} ]; then echo "${SUMMARY_FILE} is a symbolic link or a folder; the summary job writes that file and never through a link: remove it from the repository."; exit 2; fi`,
    `out=$(mktemp ${SUMMARY_FILE}.XXXXXX)`,
    `printf '| project | image | digest | status |\\n|---|---|---|---|\\n' >> "$out"`,
    'failed=0',
    // Job names are letters, digits, ".", "_" and "-" (gitLabJobName): safe as shell words.
    `for job in ${jobs.join(' ')}; do`,
    `  f=${RESULTS_DIR}/$job.env`,
    // A link is no result a job wrote (the CLI never writes one): it is not read.
    `  if [ -L "$f" ] || [ ! -f "$f" ]; then failed=$((failed + 1)); echo "| $job |  |  | no result |" >> "$out"; continue; fi`,
    `  value() { sed -n "s/^$1=//p" "$f" | head -n 1; }`,
    '  status=$(value SLIPWAY_JOB_STATUS)',
    '  [ "$status" = success ] || failed=$((failed + 1))',
    '  echo "| $(value SLIPWAY_PROJECT) | $(value SLIPWAY_IMAGE) | $(value SLIPWAY_DIGEST) | $status |" >> "$out"',
    'done',
    `mv -f "$out" ${SUMMARY_FILE}`,
    `cat ${SUMMARY_FILE}`,
    'if [ "$failed" -gt 0 ]; then echo "$failed project(s) failed"; exit 1; fi',
  ].join('\n');
}

/**
 * A child pipeline (for `trigger: include: artifact:`) with one job per project, each an include of
 * the Slipway component named gitLabJobName(project.name), and a summary job in `.post`. Each
 * build job is extended (GitLab merges a job defined here with the included one) to keep its
 * dotenv report as slipway-results/<job>.env with the project name and job status, so the summary
 * sees every project even though dotenv variables of several jobs would overwrite each other. The
 * CLI writes that file (`slipway job-result`) as it writes --dotenv: never through a link committed
 * at that path.
 * GitLab allows 150 includes per pipeline by default: past that, split the projects over several
 * child pipelines.
 */
export function gitLabChildPipeline(projects: Project[], options: GitLabPipelineOptions): string {
  const stage = options.stage ?? 'build';
  const lines: string[] = [
    '# Generated by slipway discover: one job per project, then a summary.',
    `stages: [${yamlValue(stage)}]`,
    '',
  ];
  if (projects.length === 0) {
    // A pipeline needs a job; an empty selection still triggers cleanly.
    lines.push(
      `${SUMMARY_JOB}:`,
      '  stage: .post',
      '  script:',
      `    - ${yamlValue('echo "No project changed: nothing to build."')}`,
      '',
    );
    return lines.join('\n');
  }
  const [kind, location] = Object.entries(options.template)[0];
  lines.push('include:');
  const jobs = projects.map((p) => ({ project: p, job: gitLabJobName(p.name) }));
  for (const { project, job } of jobs) {
    const inputs: Record<string, string> = {
      ...options.inputs,
      ...(projectInputs(project) as Record<string, string>),
      'job-name': job,
      stage,
    };
    lines.push(`  - ${kind}: ${yamlValue(location)}`, '    inputs:');
    for (const [name, value] of Object.entries(inputs)) {
      if (!componentInput(name)) continue;
      lines.push(`      ${name}: ${yamlValue(typedInput(name, value))}`);
    }
  }
  lines.push('');
  // The component's default: the slipway of the job image.
  const slipway = options.inputs?.['slipway-command'] || 'slipway';
  for (const { project, job } of jobs) {
    lines.push(
      `${job}:`,
      '  after_script:',
      `    - ${yamlValue(`${slipway} job-result --project ${shellWord(project.name)} --status "$CI_JOB_STATUS" --dotenv ${RESULTS_DIR}/${job}.env`)}`,
      '  artifacts:',
      '    when: always',
      `    paths: [${yamlValue(`${RESULTS_DIR}/`)}]`,
      '',
    );
  }
  lines.push(
    `${SUMMARY_JOB}:`,
    '  stage: .post',
    '  when: always',
    `  image: ${yamlValue(options.summaryImage ?? options.inputs?.['job-image'] ?? 'node:22-slim')}`,
    '  script:',
    `    - ${yamlValue(summaryScript(jobs.map((j) => j.job)))}`,
    '  artifacts:',
    '    when: always',
    `    paths: [${yamlValue(SUMMARY_FILE)}]`,
    '',
  );
  return lines.join('\n');
}
