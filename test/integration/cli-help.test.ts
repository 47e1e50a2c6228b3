/**
 * The CLI as a newcomer meets it: bare `slipway`, a typo, --version --json, each command's
 * --help (groups, only its own flags, its own wording, examples that run), and completion.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { INPUTS, INPUT_GROUP_TITLES, inputCommands } from '../../src/core/inputs';
import type { CliCommand, InputName, InputSpec } from '../../src/core/inputs';
import { EXAMPLES } from '../../src/fronts/cli/examples';
import { builtCli, cliFlags, runCli } from '../fixtures/cli';
import { seedBusyboxBase } from '../fixtures/images';
import { makeTempDir, removeTempDir, run } from '../fixtures/process';
import { startRegistry } from '../fixtures/registry';
import type { TestRegistry } from '../fixtures/registry';
import { narEntries, writeZip } from '../unit/connector-fixtures';

const root = resolve(__dirname, '../..');

/** The flags a --help lists, in the order listed, by the section heading above them. */
function helpSections(help: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let heading = '';
  for (const line of help.split('\n')) {
    const title = /^(\S.*):$/.exec(line);
    if (title) {
      heading = title[1];
      sections.set(heading, []);
      continue;
    }
    const flag = /^ {2}(?:-\w, )?(--[a-z-]+)/.exec(line);
    if (flag && heading) sections.get(heading)?.push(flag[1]);
  }
  return sections;
}

const allFlags = (sections: Map<string, string[]>): string[] => [...sections.values()].flat();

describe('slipway without a command, with a typo, with --version --json', () => {
  it('bare slipway prints the commands and exits 0 without starting a build', async () => {
    const res = await runCli([]);
    expect(res.code).toBe(0);
    for (const command of ['build', 'rebase', 'inspect', 'discover', 'config', 'completion']) {
      expect(res.stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
    }
    expect(res.stderr).not.toMatch(/artifact/i);
  });

  it('an unknown command names the closest one', async () => {
    const res = await runCli(['biuld']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("unknown command 'biuld'");
    expect(res.stderr).toContain('Did you mean build?');
  });

  it('--version --json prints the version, the Node version and the platform', async () => {
    const res = await runCli(['--version', '--json']);
    expect(res.code).toBe(0);
    expect(res.json).toEqual({
      version: expect.stringMatching(/^\d+\.\d+\.\d+/) as unknown,
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
    });
  });
});

describe('each command --help', () => {
  const commands: CliCommand[] = ['build', 'rebase', 'inspect', 'discover'];
  const helps = new Map<CliCommand, string>();
  beforeAll(async () => {
    for (const command of commands) {
      const res = await runCli([command, '--help']);
      expect(res.code).toBe(0);
      helps.set(command, res.stdout);
    }
  });

  it.each(commands)('%s lists exactly its own inputs, each under its group heading', (command) => {
    const sections = helpSections(helps.get(command) ?? '');
    const own = (Object.keys(INPUTS) as InputName[]).filter((n) =>
      inputCommands(n).includes(command),
    );
    const inputFlags = allFlags(sections).filter((f) => f.slice(2) in INPUTS);
    expect(inputFlags.sort()).toEqual(own.map((n) => `--${n}`).sort());
    for (const name of own) {
      const spec: InputSpec = INPUTS[name];
      expect(sections.get(INPUT_GROUP_TITLES[spec.group])).toContain(`--${name}`);
    }
  });

  it('build groups its flags as the inputs table does', () => {
    const sections = helpSections(helps.get('build') ?? '');
    for (const title of Object.values(INPUT_GROUP_TITLES)) {
      expect(sections.get(title)?.length).toBeGreaterThan(0);
    }
    expect(sections.get('Output')).toEqual([
      '--json',
      '--dotenv',
      '--metadata',
      '--verbose',
      '--quiet',
    ]);
  });

  it('inspect offers no flag that only matters when pushing', () => {
    const flags = allFlags(helpSections(helps.get('inspect') ?? ''));
    for (const pushOnly of [
      '--create-repository',
      '--image-tag-mutability',
      '--scan-on-push',
      '--tags',
      '--if-exists',
      '--dotenv',
      '--metadata',
    ]) {
      expect(flags).not.toContain(pushOnly);
    }
    expect(flags).toContain('--username');
  });

  it('rebase describes --image as the image to rebase, not with Airbyte wording', () => {
    const help = (helps.get('rebase') ?? '').replace(/\s+/g, ' ');
    expect(help).toMatch(/--image <value> The image to rebase/);
    expect(help).not.toContain('metadata.yaml');
  });

  it.each(commands)('%s shows examples, each a command of its own', (command) => {
    const help = helps.get(command) ?? '';
    const examples = help.split('\n').filter((l) => l.startsWith('  $ slipway '));
    expect(examples.length).toBeGreaterThanOrEqual(1);
    for (const line of examples) expect(line).toMatch(new RegExp(`^ {2}\\$ slipway ${command} `));
  });
});

describe('the build examples run as dry runs', () => {
  let reg: TestRegistry;
  let work: string;
  let base: string;
  beforeAll(async () => {
    reg = await startRegistry();
    await seedBusyboxBase(reg, 'base/runner:1', { runnerLike: true });
    base = `${reg.host}/base/runner:1`;
    work = await makeTempDir('cli-examples');
    // The files the examples name, where they name them.
    mkdirSync(join(work, 'connectors/my-sink/target'), { recursive: true });
    await writeZip(
      join(work, 'connectors/my-sink/target/my-sink-1.0.0.nar'),
      await narEntries({
        ioYaml: 'name: my-sink\nsinkClass: com.acme.MySink\n',
        rootClasses: ['com.acme.MySink'],
        bundled: {},
      }),
    );
    cpSync(join(root, 'examples/airbyte-declarative-source'), join(work, 'airbyte/source-acme'), {
      recursive: true,
    });
    cpSync(join(root, 'examples/python-function/exclamation.py'), join(work, 'exclamation.py'));
    writeFileSync(join(work, 'README.md'), 'the examples run here\n');
  });
  afterAll(async () => {
    await reg.stop();
    await removeTempDir(work);
  });

  it.each(EXAMPLES.build.map((e) => [e.title, e.args] as const))('%s', async (_title, args) => {
    // The help's words as they are, then: compute the digest only, from a base that is here.
    const res = await runCli(
      [...args, ...cliFlags({ output: 'none', 'base-image': base }), '--json'],
      {
        cwd: work,
      },
    );
    expect(res.stderr).not.toMatch(/error: (unknown option|too many arguments|option)/);
    expect(res.code).toBe(0);
    expect(res.json?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('slipway completion', () => {
  const complete = async (words: string[]): Promise<string[]> => {
    const script = [
      `source <(${JSON.stringify(process.execPath)} ${JSON.stringify(builtCli())} completion bash)`,
      `COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')})`,
      `COMP_CWORD=${words.length - 1}`,
      '_slipway',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    const res = await run('bash', ['-c', script], { timeoutMs: 60_000 });
    expect(res.code).toBe(0);
    return res.stdout.split('\n').filter(Boolean);
  };

  it('bash completes commands, a command’s own flags and the values of a flag with choices', async () => {
    expect(await complete(['slipway', 'bu'])).toEqual(['build']);
    // job-result is the GitLab fan-out's, hidden from help and completion.
    expect(await complete(['slipway', 'jo'])).toEqual([]);
    const inspectFlags = await complete(['slipway', 'inspect', '--']);
    expect(inspectFlags).toContain('--username');
    expect(inspectFlags).not.toContain('--create-repository');
    expect(await complete(['slipway', 'build', '--if-exists', ''])).toEqual([
      'protect-releases',
      'overwrite',
      'skip',
      'fail',
    ]);
  });

  it('zsh gets a script that loads bash completion', async () => {
    const res = await runCli(['completion', 'zsh']);
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')[0]).toBe('#compdef slipway');
    expect(res.stdout).toContain('bashcompinit');
    expect(res.stdout).toContain('complete -o default -F _slipway slipway');
  });
});
