/**
 * Many projects of one repository in one process (`slipway build --all`, `mode: discover`):
 * discovery and change selection (connectors/projects), then one Maven invocation per reactor
 * (`mvn -B package -pl … -am`) and each project through build mode with its Maven build already
 * done, at most `concurrency` at once. One project's failure does not stop the others.
 */
import { join, resolve } from 'node:path';
import { errorMessage } from '../core/errors';
import { readInputs } from '../core/inputs';
import type { InputName, Inputs } from '../core/inputs';
import type { Logger, ProgressEvent } from '../core/log';
import type { Outputs } from '../core/result';
import {
  discoverProjects,
  discoveryJson,
  mavenReactorBuilds,
  projectInputs,
  selectAll,
  selectChanged,
} from '../connectors/projects';
import type { MavenReactorBuild, Project, Selection } from '../connectors/projects';
import { buildCommand } from '../toolchain';
import { runTool } from '../toolchain/process';
import { runBuild } from './build';
import { ConnectionPool } from './connect';
import type { ConnectContext } from './connect';
import { gitHubMatrices, gitHubMatrixOutputs } from './fanout';

/** Raw input strings as the user gave them (flags, environment, slipway.yaml). */
export type RawInputs = Partial<Record<InputName, string>>;

/** The projects of the repository at `root`, all or those changed since `changedSince`. */
export async function selectProjects(
  root: string,
  opts: { changedSince?: string; imagePrefix?: string } = {},
): Promise<Selection[]> {
  const projects = await discoverProjects(root, { imagePrefix: opts.imagePrefix });
  return opts.changedSince ? selectChanged(projects, root, opts.changedSince) : selectAll(projects);
}

/** `mode: discover`'s step outputs: the matrices, their count and the discovery JSON. */
export function discoverOutputs(selections: Selection[]): Record<string, string> {
  return {
    ...gitHubMatrixOutputs(gitHubMatrices(selections.map((s) => s.project))),
    projects: JSON.stringify(discoveryJson(selections)),
  };
}

export type ProjectStatus = 'success' | 'failed';

export interface ProjectOutcome {
  name: string;
  'working-directory': string;
  image: string;
  status: ProjectStatus;
  /** The run's outputs, when it succeeded. */
  outputs?: Outputs;
  /** One line: why it failed. */
  error?: string;
  /** 1 for a failed run, 2 for bad input. */
  'exit-code'?: number;
  'duration-ms': number;
}

/** `build --all`'s one JSON report. */
export interface ManyReport {
  projects: ProjectOutcome[];
  'maven-builds': MavenReactorBuild[];
  succeeded: number;
  failed: number;
}

/** Log lines of one project among several, told apart by a `[name]` prefix. */
class ProjectLogger implements Logger {
  constructor(
    private readonly inner: Logger,
    private readonly prefix: string,
  ) {}
  info(message: string): void {
    this.inner.info(`${this.prefix} ${message}`);
  }
  warn(message: string): void {
    this.inner.warn(`${this.prefix} ${message}`);
  }
  debug(message: string): void {
    this.inner.debug(`${this.prefix} ${message}`);
  }
  progress(event: ProgressEvent): void {
    this.inner.progress({ ...event, id: `${this.prefix} ${event.id}` });
  }
  // No sections: the phases of concurrent projects interleave.
}

/** Runs `step` for every item, at most `limit` at once, in order of the list. */
async function eachLimited<T>(
  items: T[],
  limit: number,
  step: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await step(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

function exitCodeOf(err: unknown): number {
  const code = (err as { exitCode?: unknown }).exitCode;
  return typeof code === 'number' ? code : 1;
}

/**
 * Builds every selected project: the Maven reactors first (each once, for all its selected
 * modules), then each project with build mode, `build: none` for the Maven ones. `base` are the
 * inputs given for the whole run; a project's own inputs (discovery, slipway.yaml) win over them.
 */
export async function runMany(
  selections: Selection[],
  base: RawInputs,
  root: string,
  ctx: ConnectContext,
  opts: { concurrency: number },
): Promise<ManyReport> {
  const { logger, env } = ctx;
  const projects = selections.map((s) => s.project);
  const reactors = mavenReactorBuilds(projects);
  const baseArgs = readInputs((name) => base[name])['build-args'];
  /** Reactor folder → why its build failed. */
  const failedReactors = new Map<string, string>();
  for (const reactor of reactors) {
    const dir = join(root, reactor.reactor);
    const cmd = await buildCommand('maven', dir, [...reactor.args, ...baseArgs], env);
    logger.info(`build: ${cmd.title} (in ${reactor.reactor})`);
    try {
      await runTool({ ...cmd, cwd: dir, logger, env });
    } catch (err) {
      failedReactors.set(reactor.reactor, errorMessage(err));
      logger.warn(`the Maven build in ${reactor.reactor} failed; its projects are not packaged`);
    }
  }

  const outcomes = new Map<Project, ProjectOutcome>();
  // One connection per registry for all projects (sockets, credentials, tokens), not one each.
  const pool = new ConnectionPool(ctx);
  const building = eachLimited(projects, opts.concurrency, async (project) => {
    const started = performance.now();
    const outcome = (fields: Partial<ProjectOutcome> & { status: ProjectStatus }): void => {
      outcomes.set(project, {
        name: project.name,
        'working-directory': project.workingDirectory,
        image: project.image,
        ...fields,
        'duration-ms': Math.round(performance.now() - started),
      });
    };
    const reactorError = project.maven && failedReactors.get(project.maven.reactor);
    if (reactorError) {
      outcome({ status: 'failed', error: reactorError.split('\n')[0], 'exit-code': 1 });
      return;
    }
    const projectLogger = new ProjectLogger(logger, `[${project.name}]`);
    try {
      const inputs = projectRunInputs(project, base, root);
      const result = await runBuild(inputs, { ...ctx, logger: projectLogger, pool });
      outcome({ status: 'success', outputs: result.outputs });
    } catch (err) {
      projectLogger.warn(`failed: ${errorMessage(err)}`);
      outcome({
        status: 'failed',
        error: errorMessage(err).split('\n')[0],
        'exit-code': exitCodeOf(err),
      });
    }
  });
  await building.finally(() => pool.close());
  const ordered = projects.map((p) => outcomes.get(p) as ProjectOutcome);
  const failed = ordered.filter((o) => o.status === 'failed').length;
  return {
    projects: ordered,
    'maven-builds': reactors,
    succeeded: ordered.length - failed,
    failed,
  };
}

/** One project's inputs: the run's, then the project's own, its folder under `root`. */
export function projectRunInputs(project: Project, base: RawInputs, root: string): Inputs {
  const own: RawInputs = {
    ...projectInputs(project),
    'working-directory': resolve(root, project.workingDirectory),
  };
  // The reactor build made the artifact already.
  if (project.maven) own.build = 'none';
  return readInputs((name) => own[name] ?? base[name]);
}

/** The summary table of `build --all`: one row per project, Markdown (a job summary renders it). */
export function manySummary(report: ManyReport): string {
  const lines = ['| project | image | digest | status |', '|---|---|---|---|'];
  for (const p of report.projects) {
    const image = p.outputs?.image || p.image;
    const digest = p.outputs?.digest ? `\`${p.outputs.digest}\`` : '';
    const status =
      p.status === 'failed' ? `failed: ${p.error ?? ''}` : p.outputs?.pushed ? 'pushed' : 'built';
    lines.push(`| ${p.name} | ${image} | ${digest} | ${status.replace(/\|/g, '\\|')} |`);
  }
  lines.push('', `${report.succeeded} succeeded, ${report.failed} failed.`);
  return `${lines.join('\n')}\n`;
}
