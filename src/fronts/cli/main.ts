import { Argument, Command, CommanderError, Option } from 'commander';
import { INPUTS } from '../../core/inputs';
import { SlipwayError, errorMessage } from '../../core/errors';
import { secrets } from '../../core/secrets';
import { jobResultReport, readReportFile, writeReportFile } from '../report';
import { completionScript } from './completion';
import { EXAMPLES, examplesHelp } from './examples';
import { addInputOptions } from './options';
import { VERSION } from '../../core/version';

/**
 * The commands' code: the builders, registries and everything else a run needs, which is most of
 * the bundle. Loaded when a command runs, so that --help, --version and a mistyped flag only
 * parse the command line.
 */
const commands = () => import('./commands');

const ENV_FOOTER = `
Every flag can also be set under its name in slipway.yaml (or .slipway.yaml) in the current
folder, and as SLIPWAY_<NAME> in the environment (SLIPWAY_CONNECTOR_TYPE); flags win over the
environment, the environment over the file. \`slipway config\` shows what a run would use.`;

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
  buildCommand.action(async (_opts: unknown, command: Command) =>
    (await commands()).build(command, 'build'),
  );

  const rebaseCommand = root
    .command('rebase')
    .description(
      'Move an image Slipway built onto a new base (e.g. a patched runner): base layers and config are replaced, the connector layer is kept; nothing is rebuilt.',
    )
    .exitOverride();
  addInputOptions(rebaseCommand, 'rebase');
  outputFlags(rebaseCommand, 'outputs');
  rebaseCommand.addHelpText('after', `${examplesHelp('rebase')}${ENV_FOOTER}`);
  rebaseCommand.action(async (_opts: unknown, command: Command) =>
    (await commands()).build(command, 'rebase'),
  );

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
  inspectCommand.action(async (ref: string, _opts: unknown, command: Command) =>
    (await commands()).inspect(ref, command),
  );

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
  verifyCommand.action(async (ref: string, _opts: unknown, command: Command) =>
    (await commands()).verify(ref, command),
  );

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
  discoverCommand.action(async (_opts: unknown, command: Command) =>
    (await commands()).discover(command),
  );

  const configCommand = root
    .command('config')
    .description(
      'Print every input a build here would use, its value and its source (default, slipway.yaml, environment, flag); secrets masked.',
    )
    .exitOverride();
  addInputOptions(configCommand, 'build');
  configCommand.addOption(new Option('--json', 'print the inputs as JSON').helpGroup('Output:'));
  configCommand.action(async (_opts: unknown, command: Command) =>
    (await commands()).config(command),
  );

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
