import { format } from 'prettier/standalone';
import type { Options } from 'prettier';
import * as markdownPlugin from 'prettier/plugins/markdown';
import * as yamlPlugin from 'prettier/plugins/yaml';
import { renderActionYml } from './action-yml';
import { renderBench } from './bench';
import type { BenchResults } from './bench';
import { renderGitlabTemplate } from './gitlab-template';
import { gitlabInputs, gitlabOutputs, readmeInputs, readmeOutputs } from './markdown';

/**
 * Everything generated from the table of inputs and outputs. Pure: the caller reads the current
 * files and writes the result (scripts/gen-docs.mjs) or compares it (test/unit/docs.test.ts).
 */
export interface DocsSources {
  /** package.json version: the default slipway-command installs exactly this release. */
  version: string;
  /** Current README.md, or undefined when it does not exist yet. */
  readme: string | undefined;
  gitlabReadme: string | undefined;
  /** The repository's Prettier settings, so generated files pass `prettier --check`. */
  prettier: Options;
  /** bench/results.json, when it exists: the README's bench section is rendered from it. */
  bench?: BenchResults;
}

export const GENERATED_PATHS = {
  action: 'action.yml',
  template: 'gitlab/templates/slipway.yml',
  readme: 'README.md',
  gitlabReadme: 'gitlab/README.md',
} as const;

const markers = (name: string): [string, string] => [
  `<!-- ${name}:start -->`,
  `<!-- ${name}:end -->`,
];

/**
 * Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`, leaving the rest of the
 * document (written by people) alone; appends the section under `heading` when the markers are missing.
 */
export function replaceSection(doc: string, name: string, body: string, heading: string): string {
  const [start, end] = markers(name);
  const block = `${start}\n\n${body.trimEnd()}\n\n${end}`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from >= 0 && to > from) return doc.slice(0, from) + block + doc.slice(to + end.length);
  if (from >= 0 || to >= 0) {
    throw new Error(`${name}: found only one of ${start} and ${end}; put both back or remove both`);
  }
  return `${doc.trimEnd()}\n\n${heading}\n\n${block}\n`;
}

export async function renderDocs(src: DocsSources): Promise<Record<string, string>> {
  const yaml = (text: string): Promise<string> =>
    format(text, { ...src.prettier, parser: 'yaml', plugins: [yamlPlugin] });
  const markdown = (text: string): Promise<string> =>
    format(text, { ...src.prettier, parser: 'markdown', plugins: [markdownPlugin] });

  let readme = src.readme ?? '# Slipway\n';
  readme = replaceSection(readme, 'inputs', await markdown(readmeInputs()), '## Inputs');
  readme = replaceSection(readme, 'outputs', await markdown(readmeOutputs()), '## Outputs');
  if (src.bench) {
    readme = replaceSection(readme, 'bench', await markdown(renderBench(src.bench)), '## Speed');
  }

  let gitlabReadme = src.gitlabReadme ?? '# Slipway GitLab CI/CD component\n';
  gitlabReadme = replaceSection(
    gitlabReadme,
    'inputs',
    await markdown(gitlabInputs(src.version)),
    '## Inputs',
  );
  gitlabReadme = replaceSection(
    gitlabReadme,
    'outputs',
    await markdown(gitlabOutputs()),
    '## Outputs',
  );

  return {
    [GENERATED_PATHS.action]: await yaml(renderActionYml()),
    [GENERATED_PATHS.template]: await yaml(renderGitlabTemplate(src.version)),
    [GENERATED_PATHS.readme]: readme,
    [GENERATED_PATHS.gitlabReadme]: gitlabReadme,
  };
}
