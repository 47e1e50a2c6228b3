import { Command, CommanderError } from 'commander';
import { INPUTS, readInputs } from '../../core/inputs';
import type { InputName } from '../../core/inputs';
import { LineLogger } from '../../core/log';
import type { Logger } from '../../core/log';
import { formatInspectReport, inspectImage } from '../../run/inspect';
import { runMode } from '../../run';
import { oidcTokenFromEnv } from '../../providers';
import { SlipwayError, errorMessage } from '../../core/errors';
import { secrets } from '../../core/secrets';
import { checkReportPath, dotenvReport, outputsJson, writeReportFile } from '../report';
import { addInputOptions, optionReader } from './options';
import { TtyLogger } from './progress';

/** package.json's version, put in by scripts/build.mjs; unbundled (ts-jest) runs have none. */
declare const SLIPWAY_VERSION: string | undefined;
const VERSION = typeof SLIPWAY_VERSION === 'string' ? SLIPWAY_VERSION : '0.0.0-dev';

interface CommonFlags {
  json?: boolean;
  dotenv?: string;
  verbose?: boolean;
}

function makeLogger(flags: CommonFlags): Logger {
  // With --json, stdout carries only the JSON object; everything else goes to stderr.
  const stream = process.stderr;
  if (stream.isTTY && !process.env.CI) return new TtyLogger(stream, flags.verbose === true);
  return new LineLogger((line) => stream.write(`${line}\n`), flags.verbose === true);
}

async function build(opts: Record<string, unknown> & CommonFlags): Promise<void> {
  const inputs = readInputs(optionReader(opts));
  if (opts.dotenv) checkReportPath(opts.dotenv, '--dotenv');
  const logger = makeLogger(opts);
  const result = await runMode(inputs, {
    env: process.env,
    logger,
    // The CLI has no identity of its own: GitLab's `id_tokens` put the CI's token in a variable.
    ciOidcToken: oidcTokenFromEnv(process.env, inputs['oidc-token-variable']),
  });
  const { outputs } = result;
  if (opts.dotenv) writeReportFile(opts.dotenv, dotenvReport(outputs), '--dotenv');
  if (opts.json) {
    process.stdout.write(`${outputsJson(outputs)}\n`);
  } else {
    process.stdout.write(`${outputs['image-ref'] || outputs.digest}\n`);
  }
}

/** The inputs that say how to reach a registry: what `inspect` needs of the build's inputs. */
const REGISTRY_INPUTS = (Object.keys(INPUTS) as InputName[]).filter(
  (name) =>
    INPUTS[name].group === 'registry' ||
    INPUTS[name].group === 'cloud' ||
    name === 'max-retries' ||
    name === 'request-timeout',
);

/** `slipway rebase --image REF --base-image NEWREF [--tags …]`: the registry inputs and those. */
const REBASE_INPUTS: InputName[] = ['image', 'base-image', 'tags', 'if-exists', ...REGISTRY_INPUTS];

async function inspect(ref: string, opts: Record<string, unknown> & CommonFlags): Promise<void> {
  const inputs = readInputs(optionReader(opts));
  const report = await inspectImage(ref, inputs, {
    env: process.env,
    logger: makeLogger(opts),
    ciOidcToken: oidcTokenFromEnv(process.env, inputs['oidc-token-variable']),
  });
  process.stdout.write(
    opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatInspectReport(report),
  );
}

export function program(): Command {
  const root = new Command('slipway')
    .description(
      'Package Pulsar IO connectors, Pulsar Functions and Airbyte connectors into container images and push them to any registry, without a Docker daemon.',
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(secrets.redact(s)) });

  const buildCommand = root
    .command('build', { isDefault: true })
    .description(
      'Build the connector, package it into an image and push it (or write an OCI layout).',
    )
    .option('--json', 'print the outputs as one JSON object on stdout')
    .option('--dotenv <file>', 'write the outputs as a dotenv file (SLIPWAY_IMAGE=…)')
    .option('--verbose', 'print debug lines')
    .exitOverride();
  addInputOptions(buildCommand, Object.keys(INPUTS) as InputName[]);
  buildCommand.action((opts: Record<string, unknown> & CommonFlags) => build(opts));

  const inspectCommand = root
    .command('inspect')
    .argument('<ref>', 'image reference, e.g. ghcr.io/acme/my-sink:1.0')
    .description("Print an image's platforms, layers, labels and base annotations.")
    .option('--json', 'print the report as JSON')
    .option('--verbose', 'print debug lines')
    .exitOverride();
  addInputOptions(inspectCommand, REGISTRY_INPUTS);
  inspectCommand.action((ref: string, opts: Record<string, unknown> & CommonFlags) =>
    inspect(ref, opts),
  );

  const rebaseCommand = root
    .command('rebase')
    .description(
      'Move an image Slipway built onto a new base (e.g. a patched runner): base layers and config are replaced, the connector layer is kept; nothing is rebuilt.',
    )
    .option('--json', 'print the outputs as one JSON object on stdout')
    .option('--dotenv <file>', 'write the outputs as a dotenv file (SLIPWAY_IMAGE=…)')
    .option('--verbose', 'print debug lines')
    .exitOverride();
  addInputOptions(rebaseCommand, REBASE_INPUTS);
  rebaseCommand.action((opts: Record<string, unknown> & CommonFlags) =>
    build({ ...opts, mode: 'rebase' }),
  );
  return root;
}

/** Runs the CLI and returns the exit code: 0 ok, 1 the run failed, 2 bad input. */
export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv, { from: 'user' });
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
