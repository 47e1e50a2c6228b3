import type { InputSpec } from '../../src/core/inputs';
import { OUTPUT_DESCRIPTIONS } from '../../src/core/result';
import type { Outputs } from '../../src/core/result';
import { DOTENV_OUTPUTS, dotenvName } from '../../src/fronts/report';
import { GROUP_TITLES, fullDescription, inputsInOrder } from './groups';
import { JOB_INPUTS, secretVariable } from './gitlab-template';

/** Text in a table cell: characters Markdown would read as table or emphasis syntax are escaped. */
export function cell(text: string): string {
  return text.replace(/([\\|*_<>[\]])/g, '\\$1');
}

function code(text: string): string {
  return text === '' ? '' : `\`${text}\``;
}

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function groupedInputTables(
  row: (name: string, spec: InputSpec) => string[],
  head: string[],
): string[] {
  const parts: string[] = [];
  let rows: string[][] = [];
  let title = '';
  const flush = (): void => {
    if (rows.length > 0) parts.push(`**${title}**`, table(head, rows));
    rows = [];
  };
  for (const { name, spec, opensGroup } of inputsInOrder()) {
    if (opensGroup) {
      flush();
      title = GROUP_TITLES[opensGroup];
    }
    const r = row(name, spec);
    if (r.length > 0) rows.push(r);
  }
  flush();
  return parts;
}

/** README: the action's (and CLI's) inputs, grouped as action.yml groups them. */
export function readmeInputs(): string {
  return [
    'Every input is also a CLI flag (`--connector-type`) and an input of the GitLab component. Lists are comma- or newline-separated; booleans are `true`/`false`.',
    ...groupedInputTables(
      (name, spec) => [code(name), code(spec.default), cell(fullDescription(spec))],
      ['Input', 'Default', 'Description'],
    ),
  ].join('\n\n');
}

/** README: the outputs, with the dotenv variable the GitLab component sets for each. */
export function readmeOutputs(): string {
  const dotenv = new Set<string>(DOTENV_OUTPUTS);
  const rows = Object.entries(OUTPUT_DESCRIPTIONS).map(([name, description]) => [
    code(name),
    dotenv.has(name) ? code(dotenvName(name as keyof Outputs)) : '',
    cell(description),
  ]);
  return table(['Output', 'GitLab dotenv', 'Description'], rows);
}

/** gitlab/README.md: the component's inputs, typed, with the job inputs and the secret variables. */
export function gitlabInputs(version: string): string {
  const typeOf = (spec: InputSpec): string =>
    spec.type === 'boolean' || spec.type === 'number' ? spec.type : 'string';
  const head = ['Input', 'Type', 'Default', 'Description'];
  const parts = groupedInputTables(
    (name, spec) =>
      spec.secret
        ? []
        : [code(name), typeOf(spec), code(spec.default), cell(fullDescription(spec))],
    head,
  );
  const jobRows = Object.entries(JOB_INPUTS(version)).map(([name, input]) => [
    code(name),
    'string',
    code(input.default),
    cell(input.description),
  ]);
  parts.push('**The GitLab job**', table(head, jobRows));
  const secretRows = inputsInOrder()
    .filter(({ spec }) => spec.secret)
    .map(({ name, spec }) => [code(secretVariable(name)), code(name), cell(spec.description)]);
  parts.push(
    '**Secrets: masked CI/CD variables, not inputs**',
    table(['Variable', 'Instead of input', 'Description'], secretRows),
  );
  return parts.join('\n\n');
}

/** gitlab/README.md: the variables of the dotenv report. */
export function gitlabOutputs(): string {
  const rows = DOTENV_OUTPUTS.map((name) => [
    code(dotenvName(name)),
    cell(OUTPUT_DESCRIPTIONS[name]),
  ]);
  return table(['Variable', 'Value'], rows);
}
