/**
 * What the commands do, loaded by main.ts only when one runs (not for --help or --version). A
 * build's code comes with this module; the other commands load theirs when they start, so that a
 * build never loads the repository scan of discover and build --all (Maven's pom.xml parser), nor
 * inspect's or verify's code.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { INPUTS, readInputs } from '../../core/inputs';
import type { CliCommand, InputName, InputSpec, Inputs } from '../../core/inputs';
import { LineLogger } from '../../core/log';
import type { Logger } from '../../core/log';
import { readRepositoryConfig } from '../../connectors/projects/config';
import type { RepositoryConfig } from '../../connectors/projects/config';
import type { GitLabTemplate } from '../../run/fanout';
import { runMode } from '../../run';
import { oidcTokenFromEnv } from '../../providers';
import { InputError, RunError } from '../../core/errors';
import { checkReportPath, dotenvReport, outputsJson, writeReportFile } from '../report';
import { resolveRawInputs } from './options';
import type { ResolvedInputs } from './options';
import { CiLogger, TtyLogger } from './progress';
import { VERSION } from '../../core/version';

interface CommonFlags {
  json?: boolean;
  dotenv?: string;
  metadata?: string;
  verbose?: boolean;
  quiet?: boolean;
}

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

export async function build(command: Command, name: 'build' | 'rebase'): Promise<void> {
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
  const { manySummary, runMany, selectProjects } = await import('../../run/many');
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
export async function verify(ref: string, command: Command): Promise<void> {
  const opts = command.opts<CommonFlags>();
  const { inputs } = await resolveFor(command, 'verify');
  const { describeVerified, verifyPushed } = await import('../../run/verify');
  const verified = await verifyPushed(ref, inputs, context(inputs, makeLogger(opts)));
  process.stdout.write(
    opts.json
      ? `${JSON.stringify(verified, null, 2)}\n`
      : `${describeVerified(verified).join('\n')}\n`,
  );
}

export async function inspect(ref: string, command: Command): Promise<void> {
  const opts = command.opts<CommonFlags>();
  const { inputs } = await resolveFor(command, 'inspect');
  const { formatInspectReport, inspectImage } = await import('../../run/inspect');
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

export async function discover(command: Command, as: CliCommand = 'discover'): Promise<void> {
  const opts = command.opts<
    CommonFlags & { imagePrefix?: string; gitlabPipeline?: string; gitlabInclude?: string }
  >();
  const { inputs } = await resolveFor(command, as);
  const root = resolve(inputs['working-directory']);
  const template = opts.gitlabPipeline ? gitLabTemplate(opts.gitlabInclude) : undefined;
  const { selectProjects } = await import('../../run/many');
  const { gitLabChildPipeline } = await import('../../run/fanout');
  const { describeReason, discoveryJson } = await import('../../connectors/projects');
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
export async function config(command: Command): Promise<void> {
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
