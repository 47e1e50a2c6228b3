import { readFile, realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Inputs } from '../core/inputs';
import { InputError } from '../core/errors';
import type { Logger } from '../core/log';
import { runBuild } from '../toolchain';
import type { PlanInputs, PlanOptions } from './common';
import { allowedRoots, confineToRoots, discoverArtifact, findOptionalArtifact } from './discover';
import { prepareBuildContext, sortedFiles } from './dockerfile';
import { planFile } from './file/plan';
import { displayPath, inspectArtifact } from './inspect';
import type { ImagePlan } from './plan';
import type { InspectedArtifact } from './types';

export { discoverArtifact } from './discover';
export { inspectArtifact, displayPath } from './inspect';
export { renderDockerfile, inBuildContext, prepareBuildContext } from './dockerfile';
export type { InspectedArtifact } from './types';

export type { PlanOptions } from './common';

/**
 * The image plan of an inspected artifact, per connector kind (DESIGN.md "Connector kinds").
 * Each kind's planner is loaded when an artifact of that kind is planned: a run plans one kind,
 * and the others (Function Mesh's schema, Airbyte's registration, Python's resolver) would only
 * cost start-up time.
 */
export async function planImage(
  inputs: PlanInputs,
  info: InspectedArtifact,
  opts: PlanOptions,
): Promise<ImagePlan> {
  switch (info.connectorType) {
    case 'pulsar-source':
    case 'pulsar-sink':
      return (await import('./pulsar/plan')).planPulsarConnector(inputs, info);
    case 'pulsar-function':
      return (await import('./functionmesh/plan')).planFunction(inputs, info, opts);
    case 'airbyte-source':
    case 'airbyte-destination':
      return (await import('./airbyte/plan')).planAirbyte(inputs, info, opts);
    default:
      // Not a connector: package the file as it is (needs base-image and artifact-path).
      return planFile(inputs, info);
  }
}

export interface PrepareOptions {
  workingDirectory: string;
  logger: Logger;
  /**
   * Where the plan's files are laid out (a folder of hard links) for the docker builder, or for
   * people when `keepContext`; the native builder reads them where they are.
   */
  contextDir: string;
  /** Lay the context out even for the native builder (SLIPWAY_KEEP_CONTEXT=true). */
  keepContext?: boolean;
  /** Where a plan may unpack what it needs (an Airbyte Java distribution). */
  stagingDir: string;
  /** Environment of the build tool and of Python's index settings (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Where files kept after the run go (beside the rendered Dockerfile). */
  outputDir?: string;
  /** Whether the run writes an SBOM, so inspection lists what the artifact bundles (default true). */
  components?: boolean;
}

export interface PreparedArtifact {
  info: InspectedArtifact;
  /**
   * The plan, its files in path order at their real paths (confined to the project): the native
   * builder reads them there; renderDockerfile reads inBuildContext(plan, contextDir).
   */
  plan: ImagePlan;
  contextDir: string;
  builder: 'native' | 'docker';
  /** Why the docker-compatible builder is needed (RUN, multi-stage, …). */
  dockerReason?: string;
  /**
   * The user's Dockerfile when the docker builder must build it as it is (it needs RUN etc.):
   * build `path` with `contextDir`; `plan` holds only the final base and the `labels` input.
   */
  userDockerfile?: {
    path: string;
    contextDir: string;
    /** Images its FROMs name, the final stage's last (logins for the docker builder). */
    bases: string[];
  };
}

/**
 * Everything before the image: run the build, find and inspect the artifact, plan the image
 * (or read the user's Dockerfile), choose the builder and lay out the build context.
 */
export async function prepareArtifact(
  inputs: Inputs,
  opts: PrepareOptions,
): Promise<PreparedArtifact> {
  const wd = resolve(opts.workingDirectory);
  const { logger } = opts;
  await runBuild(inputs, wd, logger, opts.env);

  let info: InspectedArtifact;
  let plan: ImagePlan;
  let dockerReason: string | undefined;
  let userDockerfile: PreparedArtifact['userDockerfile'];

  if (inputs.dockerfile) {
    const path = resolve(wd, inputs.dockerfile);
    const label = displayPath(path, wd);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch {
      throw new InputError(
        `Input "dockerfile": ${label} does not exist; fix the path (relative to working-directory).`,
      );
    }
    info = await inspectIfPresent(inputs, wd, logger, opts.components);
    // The Dockerfile parser loads only for a run given a Dockerfile.
    const { parseDockerfile } = await import('./dockerfile-parse');
    const parsed = await parseDockerfile(text, wd, { label });
    if (parsed.kind === 'plan') {
      plan = parsed.plan;
    } else {
      dockerReason = parsed.reason;
      userDockerfile = { path, contextDir: wd, bases: parsed.bases };
      plan = {
        base: parsed.bases[parsed.bases.length - 1] ?? '',
        baseSource: `the last FROM of ${label}`,
        files: [],
        directories: [],
        env: {},
        labels: {},
        run: [],
      };
    }
  } else {
    const artifact = await discoverArtifact(inputs.artifact, wd);
    info = await inspectArtifact(inputs, artifact, wd, logger, { components: opts.components });
    logger.info(
      `artifact: ${info.label} (${info.connectorType ?? 'unknown type'}, ${info.format}${info.version ? `, ${info.version}` : ''})`,
    );
    plan = await planImage(inputs, info, {
      stagingDir: opts.stagingDir,
      logger,
      workingDirectory: wd,
      env: opts.env,
      outputDir: opts.outputDir,
    });
    if (plan.run.length > 0) dockerReason = `RUN ${plan.run[0]} (${info.format})`;
  }

  let builder: 'native' | 'docker' = dockerReason ? 'docker' : 'native';
  if (inputs.builder === 'docker') builder = 'docker';
  if (inputs.builder === 'native' && dockerReason) {
    throw new InputError(
      `Input "builder" is native, but the image needs ${dockerReason}, which only a docker-compatible builder can run; set builder: auto (or docker) and docker-command.`,
    );
  }
  const { contextDir } = opts;
  // Every file the plan takes into the image, not only the artifact (e.g. a linked manifest.yaml),
  // by its real path inside the project (or the path the user named, or the staging folder, where
  // the plan unpacked a distribution): the layer writer reads that real file and never follows a
  // link (lstat, O_NOFOLLOW), and the build context, when there is one, links it.
  if (plan.files.length > 0) {
    const named = inputs.artifact ? [info.path] : [];
    const staging = await realpath(opts.stagingDir).catch(() => resolve(opts.stagingDir));
    const roots = [...(await allowedRoots(wd, named)), staging];
    const files = [];
    for (const file of plan.files) {
      const source = await confineToRoots(file.source, roots, displayPath(file.source, wd));
      files.push({ ...file, source });
    }
    plan = { ...plan, files };
  }
  if (!userDockerfile) {
    // The path order of the context, which the artifact's digest (run/reuse.ts) also follows.
    plan = { ...plan, files: sortedFiles(plan) };
    if (builder === 'docker' || opts.keepContext) await prepareBuildContext(plan, contextDir);
  }
  return {
    info,
    plan,
    contextDir: userDockerfile ? wd : contextDir,
    builder,
    dockerReason,
    userDockerfile,
  };
}

/** With a user Dockerfile the artifact is optional: inspect it when one is named or found. */
async function inspectIfPresent(
  inputs: Inputs,
  wd: string,
  logger: Logger,
  components?: boolean,
): Promise<InspectedArtifact> {
  const artifact = inputs.artifact
    ? await discoverArtifact(inputs.artifact, wd)
    : await findOptionalArtifact(wd);
  if (artifact === undefined) return { format: 'file', path: wd, label: '.' };
  return inspectArtifact(inputs, artifact, wd, logger, { components });
}
