/**
 * The pipeline, in one direction: build → artifact → plan → Dockerfile → credentials → assemble
 * → publish → result. Fronts call runPipeline with validated inputs and write the result back in
 * their own way; nothing here knows which front is calling.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError, RunError } from '../core/errors';
import type { Inputs } from '../core/inputs';
import type { Logger } from '../core/log';
import type { Result } from '../core/result';
import { buildEpoch } from '../core/clock';
import { NOTHING_SENT, parseOutput, pushToRegistry, writeToLayout } from '../publish';
import type { Output, Published } from '../publish';
import { ciLabels, defaultTags } from './tags';
import { dockerBuildAndPush, verifyAirbyteSpec } from '../assemble/docker';
import type { RegistryLogin } from '../assemble/docker';
import { assembleNative } from '../assemble/native';
import { prepareArtifact, renderDockerfile } from '../connectors';
import type { PreparedArtifact } from '../connectors';
import { formatPlatform, parsePlatforms } from '../image/platform';
import { isScratch, parseReference, parseRepository } from '../image/reference';
import type { Reference } from '../image/reference';
import type { Transport } from '../image/transport/client';
import { isLoopbackHost } from '../image/transport/hosts';
import { resolveBase } from '../image/remote/read';
import { LayerUpload } from '../publish/stream-upload';
import { RegistryError } from '../image/transport/errors';
import type { Platform } from '../image/types';
import { afterPush, checkAfterPush } from './after-push';
import { runRebase } from './rebase';
import { connect } from './connect';
import type { ConnectContext } from './connect';
import type { RegistryAccess } from '../providers';

/** What a run gets from its front: the same as what connecting to registries needs. */
export type PipelineContext = ConnectContext;

/** Times each phase in the order it ran, for the job summary and benchmarks. */
class Phases {
  readonly ms: Record<string, number> = {};

  async run<T>(name: string, step: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    try {
      return await step();
    } finally {
      this.ms[name] = Math.round(performance.now() - start);
    }
  }
}

function scratchDir(env: NodeJS.ProcessEnv): string {
  return mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'slipway-'));
}

/** What an assembler reports back: the image written and where it came from. */
interface Assembled {
  digest: string;
  platforms: string[];
  baseName: string;
  baseDigest: string;
  published: Published;
}

/** Everything a run has settled before it assembles: shared by both builders. */
interface Run {
  inputs: Inputs;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  phases: Phases;
  prepared: PreparedArtifact;
  dockerfile: string;
  output: Output;
  repository?: Reference;
  tags: string[];
  requested: Platform[];
  access: RegistryAccess;
  transport: Transport;
  workdir: string;
  work: string;
  epoch: number;
}

export async function runPipeline(inputs: Inputs, ctx: PipelineContext): Promise<Result> {
  if (inputs.mode === 'rebase') return runRebase(inputs, ctx);
  const { logger, env } = ctx;
  const phases = new Phases();
  const workdir = resolve(inputs['working-directory']);
  const output = parseOutput(inputs.output);
  const requested = parsePlatforms(inputs.platforms);
  if (inputs.verify && output.kind !== 'registry') {
    throw new InputError(
      'Input "verify" runs the pushed image, so it needs output: registry; set verify: false to write a layout or do a dry run.',
    );
  }
  const work = scratchDir(env);
  try {
    const prepared = await phases.run('artifact', () =>
      prepareArtifact(inputs, { workingDirectory: workdir, logger, workDir: work, env }),
    );
    const { info } = prepared;
    await checkAfterPush(inputs, prepared, workdir);
    const epoch = buildEpoch(workdir, env);
    // CI context labels go under the plan's own, so the artifact's and the user's labels win.
    prepared.plan.labels = {
      ...ciLabels(env, {
        epoch,
        version: info.version,
        title: info.name,
        description: info.description,
      }),
      ...prepared.plan.labels,
    };
    const dockerfileText = prepared.userDockerfile
      ? readFileSync(prepared.userDockerfile.path, 'utf8')
      : renderDockerfile(prepared.plan, prepared.contextDir);
    const dockerfile = prepared.userDockerfile?.path ?? join(work, 'Dockerfile');
    if (!prepared.userDockerfile) writeFileSync(dockerfile, dockerfileText);

    const target = inputs.image || info.defaultImage;
    if (output.kind === 'registry' && !target) {
      throw new InputError(
        'Input "image" is required to push: set image to the target repository (e.g. ghcr.io/acme/my-sink), or set output to oci:DIR to write an OCI layout instead.',
      );
    }
    const repository = target ? parseRepository(target) : undefined;
    const tags = defaultTags({
      inputTags: inputs.tags,
      artifactVersion: info.defaultTag ?? info.version,
      env,
    });
    const { access, transport } = connect(inputs, ctx, repository);
    const run: Run = {
      inputs,
      logger,
      env,
      phases,
      prepared,
      dockerfile,
      output,
      repository,
      tags,
      requested,
      access,
      transport,
      workdir,
      work,
      epoch,
    };
    try {
      const image = await withPermissionHint(run, () =>
        prepared.builder === 'docker' ? assembleWithDocker(run) : assembleHere(run),
      );
      if (inputs.verify) await phases.run('verify', () => verify(run, image.digest));
      const after = await phases.run('after-push', () => afterPush(run, image));
      const { published } = image;
      logger.info(
        `done: ${Object.entries(phases.ms)
          .map(([name, ms]) => `${name} ${ms} ms`)
          .join(', ')}`,
      );
      return {
        outputs: {
          image: published.references[0] ?? '',
          digest: image.digest,
          'image-ref': repository ? `${repository.name()}@${image.digest}` : '',
          tags,
          platforms: image.platforms,
          'base-digest': image.baseDigest,
          dockerfile,
          pushed: published.pushed,
          ...after,
        },
        stats: { ...published.stats, phases: phases.ms },
        dockerfileText,
        base: image.baseName,
      };
    } finally {
      await transport.close();
    }
  } finally {
    // The Dockerfile stays (it is an output); the build context of hard links goes, unless
    // SLIPWAY_KEEP_CONTEXT=true keeps it beside the Dockerfile so that it can be built by hand.
    if (env.SLIPWAY_KEEP_CONTEXT !== 'true') {
      rmSync(join(work, 'context'), { recursive: true, force: true });
    }
  }
}

/** The native builder: base from its registry or layout, one layer, published by the engine. */
async function assembleHere(run: Run): Promise<Assembled> {
  const { plan } = run.prepared;
  const { output, repository } = run;
  const target = output.kind === 'registry' ? repository : undefined;
  const upload = target && streamLayerUpload(run, target);
  const built = await assembleNative(
    plan,
    { transport: run.transport, platforms: run.requested, workingDirectory: run.workdir },
    {
      epoch: run.epoch,
      requested: run.requested,
      tmpDir: run.work,
      phase: (name, step) => run.phases.run(name, step),
      upload,
      logger: run.logger,
    },
  );
  const { base } = built;
  try {
    const { artifact } = built;
    let published: Published;
    if (output.kind === 'registry' && repository) {
      published = await run.phases.run('push', async () => {
        await run.access.ensureRepository(repository);
        return pushToRegistry(artifact, {
          transport: run.transport,
          target: repository,
          tags: run.tags,
          policy: run.inputs['if-exists'],
          logger: run.logger,
          tagsSeenAbsent: upload?.tagsSeenAbsent,
        });
      });
    } else if (output.kind === 'oci') {
      published = await run.phases.run('write', () =>
        writeToLayout(artifact, output.dir, run.tags, run.logger),
      );
    } else {
      run.logger.info(`dry run: ${artifact.descriptor.digest} (output: none)`);
      published = { references: [], pushed: false, stats: NOTHING_SENT };
    }
    return {
      digest: artifact.descriptor.digest,
      platforms: built.platforms.map(formatPlatform),
      baseName: base.name,
      baseDigest: base.digest ?? '',
      published,
    };
  } finally {
    await built.layer.dispose();
  }
}

/** The layer goes to the registry as it is built when no tag exists yet (stream-upload.ts). */
function streamLayerUpload(run: Run, target: Reference): LayerUpload {
  return new LayerUpload({
    transport: run.transport,
    target,
    tags: run.tags,
    prepare: () => run.access.ensureRepository(target),
    logger: run.logger,
  });
}

/**
 * The registries a docker-compatible CLI talks to: the target's and the bases'. A user's
 * multi-stage Dockerfile pulls every stage's image (a builder from a private registry needs a
 * login too), not only the final FROM that `base` names; no `base` (verify) pulls none.
 */
export function dockerHosts(run: Pick<Run, 'repository' | 'prepared'>, base: string): string[] {
  const hosts = new Set<string>();
  if (run.repository) hosts.add(run.repository.registry);
  const bases = base ? (run.prepared.userDockerfile?.bases ?? [base]) : [];
  for (const image of bases) {
    if (!isScratch(image)) hosts.add(parseReference(image, { input: 'base-image' }).registry);
  }
  return [...hosts];
}

/** Plain HTTP to loopback registries works without asking, as in Slipway's own client. */
function dockerInsecure(run: Run, base: string): boolean {
  return run.inputs['insecure-registry'] || dockerHosts(run, base).some(isLoopbackHost);
}

/** Logins for the docker-compatible CLI: the target's registry and the base's. */
async function dockerLogins(run: Run, base: string): Promise<RegistryLogin[]> {
  const logins: RegistryLogin[] = [];
  for (const registry of dockerHosts(run, base)) {
    const credentials = await run.access.credentials(registry);
    if (credentials) logins.push({ registry, credentials });
  }
  return logins;
}

/** A plan or Dockerfile that needs RUN: built and pushed with `docker-command`. */
async function assembleWithDocker(run: Run): Promise<Assembled> {
  const { prepared, repository } = run;
  if (run.output.kind !== 'registry' || !repository) {
    throw new InputError(
      `The image needs ${prepared.dockerReason ?? 'a docker-compatible builder'}, which is built with docker-command and pushed, so output must be registry; remove the RUN steps to write an OCI layout.`,
    );
  }
  if (run.requested.length > 1) {
    throw new InputError(
      `Input "platforms": a docker-compatible build makes one platform, but ${run.requested.length} were asked for; give one platform, or remove the RUN steps for a native multi-platform build.`,
    );
  }
  const { plan } = prepared;
  const context = prepared.userDockerfile?.contextDir ?? prepared.contextDir;
  const logins = await dockerLogins(run, plan.base);
  const result = await run.phases.run('docker', () =>
    dockerBuildAndPush({
      command: run.inputs['docker-command'],
      logger: run.logger,
      insecure: dockerInsecure(run, plan.base),
      tmpDir: run.work,
      dockerfile: run.dockerfile,
      contextDir: context,
      images: run.tags.map((tag) => repository.withTag(tag).toString()),
      logins,
      platform: run.requested[0] ? formatPlatform(run.requested[0]) : undefined,
    }),
  );
  if (!result.digest) {
    throw new RunError(
      `${run.inputs['docker-command']} pushed ${repository.name()} but reported no digest; check its output above.`,
    );
  }
  // The builder chose the platform (its own, unless one was asked for): read it back.
  const pushed = await resolveBase(run.transport, repository.withDigest(result.digest));
  return {
    digest: result.digest,
    platforms: pushed.images.map((img) => formatPlatform(img.platform)),
    baseName: plan.base,
    baseDigest: '',
    published: {
      references: run.tags.map((tag) => repository.withTag(tag).toString()),
      pushed: true,
      stats: NOTHING_SENT,
    },
  };
}

/** Airbyte: the pushed image must answer `spec` with a SPEC message. */
async function verify(run: Run, digest: string): Promise<void> {
  const { info } = run.prepared;
  const repository = run.repository;
  if (
    !repository ||
    (info.connectorType !== 'airbyte-source' && info.connectorType !== 'airbyte-destination')
  ) {
    run.logger.warn(
      'verify applies to Airbyte connectors only; nothing to verify for this artifact',
    );
    return;
  }
  const image = `${repository.name()}@${digest}`;
  await verifyAirbyteSpec({
    command: run.inputs['docker-command'],
    logger: run.logger,
    insecure: dockerInsecure(run, ''),
    tmpDir: run.work,
    image,
    logins: await dockerLogins(run, ''),
  });
  run.logger.info(`verified: ${image} answers spec with a SPEC message`);
}

/**
 * A registry that refuses (401/403) gets the provider's fix appended: the IAM action, cloud role
 * or token permission that is missing for that host.
 */
export async function withPermissionHint<T>(
  run: Pick<Run, 'access' | 'repository'>,
  step: () => Promise<T>,
): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (!(err instanceof RegistryError) || (err.status !== 401 && err.status !== 403)) throw err;
    // The operation knows which registry it addressed and whether it wrote; the URL that answered
    // may be Docker Hub's API host, a token service or a redirect, which name the wrong provider.
    const registry = err.registry ?? run.repository?.registry;
    if (!registry) throw err;
    const access = err.access ?? (registry === run.repository?.registry ? 'push' : 'pull');
    const hint = run.access.hint(registry, access);
    throw hint ? new RunError(`${err.message} ${hint}`, err.location) : err;
  }
}
