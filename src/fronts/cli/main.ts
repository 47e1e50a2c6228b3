import { appendFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Argument, Command, CommanderError, Option } from 'commander';
import { INPUTS, readInputs } from '../../core/inputs';
import type { CliCommand, InputName, InputSpec, Inputs } from '../../core/inputs';
import { LineLogger } from '../../core/log';
import type { Logger } from '../../core/log';
import { describeReason, discoveryJson, readRepositoryConfig } from '../../connectors/projects';
import type { RepositoryConfig } from '../../connectors/projects';
import { formatInspectReport, inspectImage } from '../../run/inspect';
import { describeVerified, verifyPushed } from '../../run/verify';
import { runMode } from '../../run';
import { gitLabChildPipeline } from '../../run/fanout';
import type { GitLabTemplate } from '../../run/fanout';
import { manySummary, runMany, selectProjects } from '../../run/many';
import { oidcTokenFromEnv } from '../../providers';
import { InputError, RunError, SlipwayError, errorMessage } from '../../core/errors';
import { secrets } from '../../core/secrets';
import {
  checkReportPath,
  dotenvReport,
  jobResultReport,
  outputsJson,
  readReportFile,
  writeReportFile,
} from '../report';
import { completionScript } from './completion';
import { EXAMPLES, examplesHelp } from './examples';
import { addInputOptions, resolveRawInputs } from './options';
import type { ResolvedInputs } from './options';
import { CiLogger, TtyLogger } from './progress';

/** package.json's version, put in by scripts/build.mjs; unbundled (ts-jest) runs have none. */
declare const SLIPWAY_VERSION: string | undefined;
const VERSION = typeof SLIPWAY_VERSION === 'string' ? SLIPWAY_VERSION : '0.0.0-dev';

interface CommonFlags {
  json?: boolean;
  dotenv?: string;
  metadata?: string;
  verbose?: boolean;
  quiet?: boolean;
}

const ENV_FOOTER = `
Every flag can also be set under its name in slipway.yaml (or .slipway.yaml) in the current
folder, and as SLIPWAY_<NAME> in the environment (SLIPWAY_CONNECTOR_TYPE); flags win over the
environment, the environment over the file. \`slipway config\` shows what a run would use.`;

function makeLogger(flags: CommonFlags, env: NodeJS.ProcessEnv = process.env): Logger {
  // With --json, stdout carries only the JSON object; everything else goes to stderr.
  const stream = process.stderr;
  const verbose = flags.verbose === true;
  if (stream.isTTY && !env.CI && !flags.quiet && !flags.json) return new TtyLogger(stream, verbose);
  if (flags.quiet) {
    // Warnings and errors only.
    return new (class extends LineLogger {
      override info(): void {}
      override progress(): void {}
    })((line) => stream.write(`${line}\n`), verbose);
  }
  return new CiLogger((text) => stream.write(text), {
    verbose,
    progress: !flags.json,
    sections: env.GITLAB_CI === 'true',
  });
}

/** slipway.yaml / .slipway.yaml of the current folder, read once and only when a command runs. */
let configFile: Promise<RepositoryConfig> | undefined;
function loadConfigFile(): Promise<RepositoryConfig> {
  configFile ??= readRepositoryConfig(process.cwd());
  return configFile;
}

async function resolveFor(
  command: Command,
  name: CliCommand,
  fixed: Partial<Record<InputName, string>> = {},
): Promise<ResolvedInputs & { inputs: Inputs }> {
  const file = await loadConfigFile();
  const resolved = resolveRawInputs(
    command,
    name,
    { name: file.file, inputs: file.runInputs },
    process.env,
    fixed,
  );
  return { ...resolved, inputs: readInputs((input) => resolved.raw[input]) };
}

function context(inputs: Inputs, logger: Logger) {
  return {
    env: process.env,
    logger,
    // The CLI has no identity of its own: GitLab's `id_tokens` put the CI's token in a variable.
    ciOidcToken: oidcTokenFromEnv(process.env, inputs['oidc-token-variable']),
  };
}

async function build(command: Command, name: 'build' | 'rebase'): Promise<void> {
  const opts = command.opts<CommonFlags & { all?: boolean; mode?: string }>();
  if (opts.all) return buildAll(command);
  // The GitLab component runs `slipway build --mode …` with every input as a flag.
  if (opts.mode === 'discover') return discover(command, 'build');
  const mode = opts.mode === 'rebase' ? 'rebase' : name;
  const { inputs } = await resolveFor(command, name, { mode });
  if (opts.dotenv) checkReportPath(opts.dotenv, '--dotenv');
  if (opts.metadata) checkReportPath(opts.metadata, '--metadata');
  const logger = makeLogger(opts);
  const result = await runMode(inputs, context(inputs, logger));
  const { outputs } = result;
  if (opts.dotenv) writeReportFile(opts.dotenv, dotenvReport(outputs, process.cwd()), '--dotenv');
  if (opts.metadata) writeReportFile(opts.metadata, `${outputsJson(outputs)}\n`, '--metadata');
  if (opts.json) {
    process.stdout.write(`${outputsJson(outputs)}\n`);
  } else {
    process.stdout.write(`${outputs['image-ref'] || outputs.digest}\n`);
  }
}

/** `build --all`: every project of the repository (or those changed), in this one process. */
async function buildAll(command: Command): Promise<void> {
  const opts = command.opts<CommonFlags & { concurrency: string; imagePrefix?: string }>();
  const { inputs, raw } = await resolveFor(command, 'build', { mode: 'build' });
  const concurrency = Number(opts.concurrency);
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    throw new InputError(
      `--concurrency must be a whole number of at least 1 (got "${opts.concurrency}").`,
    );
  }
  const root = resolve(inputs['working-directory']);
  const logger = makeLogger(opts);
  const selections = await selectProjects(root, {
    changedSince: inputs['changed-since'] || undefined,
    imagePrefix: opts.imagePrefix,
  });
  logger.info(`build --all: ${selections.length} project(s) selected in ${root}`);
  // The repository root is not a project's folder: each project gets its own.
  const base = { ...raw };
  delete base['working-directory'];
  const report = await runMany(selections, base, root, context(inputs, logger), { concurrency });
  const table = manySummary(report);
  if (process.env.GITHUB_STEP_SUMMARY) {
    appendFileSync(process.env.GITHUB_STEP_SUMMARY, `### Slipway\n\n${table}`);
  }
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : table);
  if (report.failed > 0) {
    const names = report.projects.filter((p) => p.status === 'failed').map((p) => p.name);
    throw new RunError(
      `${report.failed} of ${report.projects.length} projects failed: ${names.join(', ')}; see their [name] lines above.`,
    );
  }
}

/** `slipway verify IMAGE`: exit 1 (a RunError) when no bundle verifies. */
async function verify(ref: string, command: Command): Promise<void> {
  const opts = command.opts<CommonFlags>();
  const { inputs } = await resolveFor(command, 'verify');
  const verified = await verifyPushed(ref, inputs, context(inputs, makeLogger(opts)));
  process.stdout.write(
    opts.json
      ? `${JSON.stringify(verified, null, 2)}\n`
      : `${describeVerified(verified).join('\n')}\n`,
  );
}

async function inspect(ref: string, command: Command): Promise<void> {
  const opts = command.opts<CommonFlags>();
  const { inputs } = await resolveFor(command, 'inspect');
  const report = await inspectImage(ref, inputs, context(inputs, makeLogger(opts)));
  process.stdout.write(
    opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatInspectReport(report),
  );
}

/** `--gitlab-include component:…|local:…|remote:…` → the child pipeline's include of the component. */
function gitLabTemplate(value: string | undefined): GitLabTemplate {
  const match = /^(component|local|remote):(.+)$/.exec(value ?? '');
  if (!match) {
    throw new InputError(
      `--gitlab-include must say how the child pipeline includes the Slipway component, e.g. --gitlab-include 'component:$CI_SERVER_FQDN/<group>/slipway/slipway@${VERSION}' (or local:PATH, remote:URL).`,
    );
  }
  const [, kind, location] = match;
  return kind === 'component'
    ? { component: location }
    : kind === 'local'
      ? { local: location }
      : { remote: location };
}

async function discover(command: Command, as: CliCommand = 'discover'): Promise<void> {
  const opts = command.opts<
    CommonFlags & { imagePrefix?: string; gitlabPipeline?: string; gitlabInclude?: string }
  >();
  const { inputs } = await resolveFor(command, as);
  const root = resolve(inputs['working-directory']);
  const template = opts.gitlabPipeline ? gitLabTemplate(opts.gitlabInclude) : undefined;
  const selections = await selectProjects(root, {
    changedSince: inputs['changed-since'] || undefined,
    imagePrefix: opts.imagePrefix,
  });
  if (opts.gitlabPipeline && template) {
    writeFileSync(
      opts.gitlabPipeline,
      gitLabChildPipeline(
        selections.map((s) => s.project),
        { template },
      ),
    );
  }
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(discoveryJson(selections), null, 2)}\n`);
    return;
  }
  for (const s of selections) {
    const p = s.project;
    process.stdout.write(
      `${p.name}\t${p.connectorType}\t${p.workingDirectory}\t${p.image}\t${s.reasons.map(describeReason).join('; ')}\n`,
    );
  }
  process.stderr.write(`${selections.length} project(s)\n`);
}

/** `slipway config`: every input a build would use, its value and where it came from. */
async function config(command: Command): Promise<void> {
  const opts = command.opts<CommonFlags>();
  const { raw, sources } = await resolveFor(command, 'build');
  const rows = (Object.keys(INPUTS) as InputName[])
    .filter((name) => name !== 'mode')
    .map((name) => {
      const spec: InputSpec = INPUTS[name];
      const given = raw[name];
      const value = spec.secret && given ? '***' : (given ?? spec.default);
      const { source, detail } = sources[name];
      return { name, value, source, ...(detail ? { from: detail } : {}) };
    });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ inputs: rows }, null, 2)}\n`);
    return;
  }
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) {
    const where = r.source === 'default' ? 'default' : `${r.source}: ${r.from ?? ''}`;
    process.stdout.write(`${r.name.padEnd(width)}  ${r.value || '(empty)'}  (${where})\n`);
  }
}

function outputFlags(command: Command, what: 'outputs' | 'report'): Command {
  const group = 'Output:';
  command.addOption(
    new Option('--json', `print the ${what} as one JSON object on stdout`).helpGroup(group),
  );
  if (what === 'outputs') {
    command.addOption(
      new Option(
        '--dotenv <file>',
        'write the outputs as a dotenv file (SLIPWAY_IMAGE=…)',
      ).helpGroup(group),
    );
    command.addOption(
      new Option(
        '--metadata <file>',
        'write the outputs as one JSON object to a file (what --json prints)',
      ).helpGroup(group),
    );
  }
  command.addOption(new Option('--verbose', 'print debug lines').helpGroup(group));
  command.addOption(
    new Option('--quiet', 'print only warnings and errors (no progress)').helpGroup(group),
  );
  return command;
}

export function program(): Command {
  const root = new Command('slipway')
    .description(
      'Package Pulsar IO connectors, Pulsar Functions and Airbyte connectors into container images and push them to any registry, without a Docker daemon.',
    )
    .version(VERSION)
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ writeErr: (s) => process.stderr.write(secrets.redact(s)) });

  const buildCommand = root
    .command('build')
    .description(
      'Build the connector, package it into an image and push it (or write an OCI layout).',
    )
    .exitOverride();
  addInputOptions(buildCommand, 'build');
  const many = 'Many projects (slipway discover):';
  buildCommand.addOption(
    new Option(
      '--all',
      'build every project of the repository at working-directory (or those changed since changed-since), one Maven run per reactor',
    ).helpGroup(many),
  );
  buildCommand.addOption(
    new Option('--concurrency <n>', 'projects packaged at once with --all')
      .default('4')
      .helpGroup(many),
  );
  buildCommand.addOption(
    new Option(
      '--image-prefix <prefix>',
      'with --all: registry path the images go under (overrides slipway.yaml image-prefix)',
    ).helpGroup(many),
  );
  outputFlags(buildCommand, 'outputs');
  // Not in --help: the command is the mode in the CLI; the GitLab component passes it as a flag.
  buildCommand.addOption(new Option('--mode <mode>').choices(INPUTS.mode.choices).hideHelp());
  buildCommand.addHelpText('after', `${examplesHelp('build')}${ENV_FOOTER}`);
  buildCommand.action((_opts: unknown, command: Command) => build(command, 'build'));

  const rebaseCommand = root
    .command('rebase')
    .description(
      'Move an image Slipway built onto a new base (e.g. a patched runner): base layers and config are replaced, the connector layer is kept; nothing is rebuilt.',
    )
    .exitOverride();
  addInputOptions(rebaseCommand, 'rebase');
  outputFlags(rebaseCommand, 'outputs');
  rebaseCommand.addHelpText('after', `${examplesHelp('rebase')}${ENV_FOOTER}`);
  rebaseCommand.action((_opts: unknown, command: Command) => build(command, 'rebase'));

  const inspectCommand = root
    .command('inspect')
    .argument('<ref>', 'image reference (ghcr.io/acme/my-sink:1.0) or OCI layout (oci:DIR[:TAG])')
    .description(
      "Print an image's platforms, layers, labels, base and what Slipway recorded when it built it.",
    )
    .exitOverride();
  addInputOptions(inspectCommand, 'inspect');
  outputFlags(inspectCommand, 'report');
  inspectCommand.addHelpText('after', examplesHelp('inspect'));
  inspectCommand.action((ref: string, _opts: unknown, command: Command) => inspect(ref, command));

  const verifyCommand = root
    .command('verify')
    .argument('<image>', 'image reference, e.g. ghcr.io/acme/my-sink:1.0')
    .description(
      'Verify the Sigstore bundles attached to an image: signer identity and issuer (or public key), transparency log, subject digest; print the provenance.',
    )
    .exitOverride();
  addInputOptions(verifyCommand, 'verify');
  outputFlags(verifyCommand, 'report');
  verifyCommand.addHelpText('after', examplesHelp('verify'));
  verifyCommand.action((ref: string, _opts: unknown, command: Command) => verify(ref, command));

  const discoverCommand = root
    .command('discover')
    .description(
      'List the connector and function projects of a repository (Maven modules, Gradle subprojects, Airbyte folders, functions), all or those changed since a git ref.',
    )
    .exitOverride();
  addInputOptions(discoverCommand, 'discover');
  const fanOut = 'Fan-out:';
  discoverCommand.addOption(
    new Option(
      '--image-prefix <prefix>',
      'registry path the images go under (overrides slipway.yaml image-prefix)',
    ).helpGroup(fanOut),
  );
  discoverCommand.addOption(
    new Option(
      '--gitlab-pipeline <file>',
      'write a GitLab child pipeline with one job per project and a summary job',
    ).helpGroup(fanOut),
  );
  discoverCommand.addOption(
    new Option(
      '--gitlab-include <how>',
      'how that pipeline includes the component: component:REF, local:PATH or remote:URL',
    ).helpGroup(fanOut),
  );
  outputFlags(discoverCommand, 'report');
  discoverCommand.addHelpText('after', examplesHelp('discover'));
  discoverCommand.action((_opts: unknown, command: Command) => discover(command));

  const configCommand = root
    .command('config')
    .description(
      'Print every input a build here would use, its value and its source (default, slipway.yaml, environment, flag); secrets masked.',
    )
    .exitOverride();
  addInputOptions(configCommand, 'build');
  configCommand.addOption(new Option('--json', 'print the inputs as JSON').helpGroup('Output:'));
  configCommand.action((_opts: unknown, command: Command) => config(command));

  // Not in --help: the after_script of each job of a GitLab child pipeline (slipway discover
  // --gitlab-pipeline) leaves its result for the summary job with it.
  root
    .command('job-result', { hidden: true })
    .requiredOption('--project <name>')
    .requiredOption('--status <status>')
    .option('--outputs <file>', "the job's dotenv report", '.slipway/slipway.env')
    .requiredOption('--dotenv <file>')
    .exitOverride()
    .action((opts: { project: string; status: string; outputs: string; dotenv: string }) => {
      const outputs =
        opts.status === 'success' ? readReportFile(opts.outputs, '--outputs') : undefined;
      const text = jobResultReport(outputs, opts.project, opts.status);
      writeReportFile(opts.dotenv, text, '--dotenv');
    });

  root
    .command('completion')
    .description('Print a shell completion script: source <(slipway completion bash)')
    .addArgument(new Argument('<shell>', 'bash or zsh').choices(['bash', 'zsh']))
    .exitOverride()
    .action((shell: 'bash' | 'zsh') => {
      process.stdout.write(completionScript(root, shell));
    });
  return root;
}

/** `slipway --version --json`: what a bug report needs. */
function versionJson(): string {
  return `${JSON.stringify({ version: VERSION, node: process.version, platform: `${process.platform}/${process.arch}` })}\n`;
}

/** Runs the CLI and returns the exit code: 0 ok, 1 the run failed, 2 bad input. */
export async function main(argv: string[]): Promise<number> {
  try {
    const cli = program();
    if (argv.length === 0) {
      // A bare `slipway` explains itself instead of starting a build in the current folder.
      process.stdout.write(cli.helpInformation());
      return 0;
    }
    if ((argv.includes('--version') || argv.includes('-V')) && argv.includes('--json')) {
      process.stdout.write(versionJson());
      return 0;
    }
    await cli.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof SlipwayError) {
      const where = err.location
        ? `${err.location.file}${err.location.line ? `:${err.location.line}` : ''}: `
        : '';
      process.stderr.write(secrets.redact(`slipway: error: ${where}${err.message}\n`));
      return err.exitCode;
    }
    process.stderr.write(secrets.redact(`slipway: error: ${errorMessage(err)}\n`));
    if (process.env.SLIPWAY_DEBUG && err instanceof Error && err.stack) {
      process.stderr.write(secrets.redact(`${err.stack}\n`));
    }
    return 1;
  }
}

export { EXAMPLES };
