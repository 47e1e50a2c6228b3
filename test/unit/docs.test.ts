import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { INPUTS, inputCommands } from '../../src/core/inputs';
import type { InputName, InputSpec } from '../../src/core/inputs';
import { OUTPUT_DESCRIPTIONS } from '../../src/core/result';
import { GENERATED_PATHS, renderDocs, replaceSection } from '../../scripts/gen-docs/index';
import type { BenchResults } from '../../scripts/gen-docs/bench';
import {
  JOB_INPUTS,
  UNPINNED_JOB_IMAGE,
  jobVariable,
} from '../../scripts/gen-docs/gitlab-template';

const root = join(__dirname, '..', '..');
const read = (path: string): string | undefined =>
  existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined;
const version = (JSON.parse(read('package.json') ?? '{}') as { version: string }).version;

let generated: Record<string, string>;

beforeAll(async () => {
  generated = await renderDocs({
    version,
    readme: read('README.md'),
    gitlabReadme: read('gitlab/README.md'),
    prettier: JSON.parse(read('.prettierrc.json') ?? '{}') as Record<string, unknown>,
    bench: benchResults(),
  });
});

function benchResults(): BenchResults | undefined {
  const text = read('bench/results.json');
  return text === undefined ? undefined : (JSON.parse(text) as BenchResults);
}

describe("the README's bench section", () => {
  const section = (doc: string): string =>
    doc.slice(doc.indexOf('<!-- bench:start -->'), doc.indexOf('<!-- bench:end -->'));

  it('is the rendering of the committed bench/results.json (npm run bench -- --save)', () => {
    const results = benchResults();
    expect(results?.sections.length).toBeGreaterThan(0);
    const rendered = section(generated[GENERATED_PATHS.readme]);
    for (const t of results?.sections ?? []) expect(rendered).toContain(`**${t.title}**`);
    expect(section(read('README.md') ?? '')).toBe(rendered);
  });
});

describe('generated files are what scripts/gen-docs.mjs writes (run npm run build)', () => {
  it.each(Object.values(GENERATED_PATHS))('%s', (path) => {
    expect(read(path)).toBe(generated[path]);
  });
});

type Entry = { description?: string; default?: unknown; type?: string; options?: string[] };

describe('action.yml', () => {
  const action = (): {
    inputs: Record<string, Entry>;
    outputs: Record<string, Entry>;
    runs: unknown;
  } => parse(generated[GENERATED_PATHS.action]) as never;

  it('lists every input of the table, in order, with its default and description', () => {
    const { inputs } = action();
    expect(Object.keys(inputs)).toEqual(Object.keys(INPUTS));
    for (const [name, spec] of Object.entries(INPUTS) as [string, InputSpec][]) {
      expect(inputs[name].default).toBe(spec.actionDefault ?? spec.default);
      expect(inputs[name].description).toContain(spec.description);
    }
  });

  it('lists every output and runs the bundle on node24', () => {
    const doc = action() as ReturnType<typeof action> & { description: string };
    // the Marketplace cuts descriptions at 125 characters
    expect(doc.description.length).toBeLessThanOrEqual(125);
    expect(Object.keys(doc.outputs)).toEqual(Object.keys(OUTPUT_DESCRIPTIONS));
    expect(doc.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('groups the inputs with a comment per group', () => {
    const text = generated[GENERATED_PATHS.action];
    expect(text).toMatch(/\n {2}# Connector: what is packaged\n {2}connector-type:/);
    expect(text).toMatch(/\n {2}# After the push\n {2}sbom:/);
  });
});

describe('GitLab template', () => {
  const docs = (): [Record<string, unknown>, Record<string, Record<string, unknown>>] => {
    const all = parseAllDocuments(generated[GENERATED_PATHS.template]);
    expect(all).toHaveLength(2);
    return all.map((d) => d.toJS() as unknown) as never;
  };

  it('declares every non-secret input, typed, with its default and options', () => {
    const [header] = docs();
    const inputs = (header.spec as { inputs: Record<string, Entry> }).inputs;
    for (const [name, spec] of Object.entries(INPUTS) as [string, InputSpec][]) {
      if (spec.secret) {
        expect(inputs).not.toHaveProperty(name);
        continue;
      }
      const entry = inputs[name];
      if (spec.type === 'boolean')
        expect(entry).toMatchObject({ type: 'boolean', default: spec.default === 'true' });
      else if (spec.type === 'number')
        expect(entry).toMatchObject({ type: 'number', default: Number(spec.default) });
      else expect(entry).toMatchObject({ type: 'string', default: spec.default });
      expect(entry.options).toEqual(spec.choices ? [...spec.choices] : undefined);
    }
    for (const [name, input] of Object.entries(JOB_INPUTS(version))) {
      expect(inputs[name]).toMatchObject({ type: 'string', default: input.default });
    }
    // The slipway of the job image, which the release pins by digest: nothing is downloaded.
    expect(inputs['slipway-command'].default).toBe('slipway');
    expect(inputs['job-image'].default).toBe(UNPINNED_JOB_IMAGE);
    expect(inputs['merge-request-output'].default).toBe('none');
  });

  it('passes every non-secret input to the CLI and publishes the dotenv report', () => {
    const [, jobs] = docs();
    const job = jobs['$[[ inputs.job-name ]]'];
    expect(job.stage).toBe('$[[ inputs.stage ]]');
    expect(job.artifacts).toEqual({
      paths: ['.slipway/'],
      reports: { dotenv: '.slipway/slipway.env', cyclonedx: ['.slipway/slipway-*/sbom.cdx.json'] },
    });
    // keyless signing: GitLab mints the token only for a job that declares it, in the variable
    // the CLI is told to read
    expect(job.id_tokens).toEqual({ '$[[ inputs.sigstore-token-variable ]]': { aud: 'sigstore' } });
    expect(INPUTS['sigstore-token-variable'].default).toBe('SIGSTORE_ID_TOKEN');
    expect(job.rules).toEqual([
      {
        if: '$CI_PIPELINE_SOURCE == "merge_request_event"',
        variables: { SLIPWAY_INPUT_OUTPUT: '$[[ inputs.merge-request-output ]]' },
      },
      { if: '$CI_COMMIT_TAG' },
      { if: '$CI_COMMIT_BRANCH && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH' },
    ]);
    const script = (job.script as string[]).join('\n');
    const variables = job.variables as Record<string, string>;
    expect(script).toContain('$[[ inputs.slipway-command ]] build');
    expect(script).toContain('--dotenv .slipway/slipway.env');
    // Reports are written by the CLI, never by a shell redirect that would follow a committed link.
    expect(script).toContain('--metadata .slipway/metadata.json');
    expect(script).not.toMatch(/>\s*\.slipway\//);
    for (const [name, spec] of Object.entries(INPUTS) as [string, InputSpec][]) {
      const commands = inputCommands(name as InputName);
      if (spec.secret || (commands.length > 0 && !commands.includes('build'))) {
        // secrets come from variables; verify's inputs are not build flags
        expect(script).not.toContain(`--${name} `);
      } else if (spec.type === 'boolean' || spec.type === 'number') {
        expect(script).toContain(`--${name} $[[ inputs.${name} ]]`);
      } else {
        // strings go through a variable, so the shell never parses their content
        expect(variables[jobVariable(name)]).toBe(`$[[ inputs.${name} ]]`);
        expect(script).toContain(`--${name} "$${jobVariable(name)}"`);
      }
    }
  });
});

describe('README sections', () => {
  it('the README tables name every input and output', () => {
    const readme = generated[GENERATED_PATHS.readme];
    for (const name of Object.keys(INPUTS)) expect(readme).toContain(`| \`${name}\``);
    for (const name of Object.keys(OUTPUT_DESCRIPTIONS)) expect(readme).toContain(`| \`${name}\``);
  });

  it('replaceSection touches only the text between the markers', () => {
    const doc = 'intro\n<!-- x:start -->\nold\n<!-- x:end -->\noutro\n';
    expect(replaceSection(doc, 'x', 'new\n', '## X')).toBe(
      'intro\n<!-- x:start -->\n\nnew\n\n<!-- x:end -->\noutro\n',
    );
    expect(replaceSection('# T\n', 'x', 'new', '## X')).toBe(
      '# T\n\n## X\n\n<!-- x:start -->\n\nnew\n\n<!-- x:end -->\n',
    );
    expect(() => replaceSection('<!-- x:start -->', 'x', 'new', '## X')).toThrow(/x:end/);
  });
});
