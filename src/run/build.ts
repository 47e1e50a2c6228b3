/**
 * Build mode, in one direction: build → artifact → plan → Dockerfile → credentials → assemble
 * → publish → after the push → result. Fronts call runBuild (through run/index.ts) with
 * validated inputs and write the result back in their own way; nothing here knows the front.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheRoot } from '../core/cache';
import { cachePruner } from '../core/cache-prune';
import { buildEpoch } from '../core/clock';
import { InputError, errorMessage } from '../core/errors';
import type { Inputs } from '../core/inputs';
import type { Result } from '../core/result';
import { assembleNative, openBase } from '../assemble/native';
import { inBuildContext, prepareArtifact, renderDockerfile } from '../connectors';
import type { PreparedArtifact } from '../connectors';
import type { BasePlatformImage, BuiltImage } from '../image/image';
import type { DockerBuilt } from '../assemble/docker-build';
import { readLayoutImage } from '../image/layout';
import { formatPlatform, parsePlatforms } from '../image/platform';
import type { Reference } from '../image/reference';
import type { Platform } from '../image/types';
import { NOTHING_SENT, parseOutput } from '../publish';
import type { Output, PublishTarget, Published, Publisher } from '../publish';
import { DryRunPublisher } from '../publish/dry-run';
import { LayoutPublisher } from '../publish/layout';
import { RegistryPublisher } from '../publish/registry';
import { afterPush, checkAfterPush } from './after-push';
import { preloadSbomWriter, signingFor, signs } from './attest';
import type { BaseFacts, Signing } from './attest';
import { beforeTags, imageSbom, writesSbom } from './before-tags';
import { connect, insecureRegistries } from './connect';
import type { ConnectContext, Connection } from './connect';
import { imageAnnotations, imageLabels } from './labels';
import { DigestStore } from './digest-cache';
import {
  FileHashes,
  ReuseRecord,
  earlierLayer,
  reuseCandidateTags,
  withReuseRecord,
} from './reuse';
import { withPermissionHint } from './permission-hint';
import { Phases } from './phases';
import { resolveTags } from './tags';
import type { ImageAnnotations } from '../image/mutate';
import { publishTargets } from './targets';
import { Workspace } from './workspace';

/** What the assembler reports back: the image written and where it came from. */
interface Assembled {
  digest: string;
  platforms: string[];
  baseName: string;
  baseDigest: string;
  published: Published;
  /** The image SBOM file, and each signed bundle's referrer. */
  sbomFile?: string;
  attestations?: string[];
}

/** Everything a build has settled before it assembles: shared by both builders. */
interface Build extends Connection {
  inputs: Inputs;
  ctx: ConnectContext;
  phases: Phases;
  prepared: PreparedArtifact;
  dockerfile: string;
  output: Output;
  repository?: Reference;
  tags: string[];
  /** Every repository pushed to with its tags; the first is `repository` with `tags`. */
  targets: PublishTarget[];
  annotations: ImageAnnotations;
  signing?: Signing;
  platforms: Platform[];
  projectDir: string;
  workspace: Workspace;
  epoch: number;
  /** The artifact files' sha256, read once for the record, the SBOM and the provenance. */
  hashes: FileHashes;
}

export async function runBuild(inputs: Inputs, ctx: ConnectContext): Promise<Result> {
  // The digest cache records only files that had settled before this moment (digest-cache.ts).
  const started = Date.now();
  const { logger, env } = ctx;
  const phases = new Phases(logger);
  const projectDir = resolve(inputs['working-directory']);
  const output = parseOutput(inputs.output);
  const platforms = parsePlatforms(inputs.platforms);
  const annotations = imageAnnotations(inputs.annotations);
  if (inputs.verify && output.kind !== 'registry') {
    throw new InputError(
      'Input "verify" runs the pushed image, so it needs output: registry; set verify: false to write a layout or do a dry run.',
    );
  }
  const pruneCache = cachePruner(env); // a bad SLIPWAY_CACHE_MAX_AGE_DAYS fails before the build
  // git (when nothing else tells the commit time) runs while the artifact is inspected.
  const commitTime = buildEpoch(projectDir, env);
  const workspace = Workspace.create(env);
  try {
    const prepared = await phases.run('artifact', () =>
      prepareArtifact(inputs, {
        workingDirectory: projectDir,
        logger,
        contextDir: workspace.context,
        keepContext: env.SLIPWAY_KEEP_CONTEXT === 'true',
        stagingDir: workspace.staging,
        outputDir: workspace.root,
        env,
        components: inputs.sbom || signs(inputs, env),
      }),
    );
    const { info, plan } = prepared;
    await checkAfterPush(inputs, prepared, projectDir);
    const epoch = await commitTime;
    plan.labels = imageLabels({
      env,
      info: { epoch, version: info.version, title: info.name, description: info.description },
      plan: plan.labels,
      user: inputs.labels,
    });
    const dockerfileText = prepared.userDockerfile
      ? readFileSync(prepared.userDockerfile.path, 'utf8')
      : renderDockerfile(inBuildContext(plan, prepared.contextDir), prepared.contextDir);
    const dockerfile = prepared.userDockerfile?.path ?? workspace.dockerfile;
    if (!prepared.userDockerfile) writeFileSync(dockerfile, dockerfileText);

    const resolved = resolveTags({
      inputTags: inputs.tags,
      image: inputs.image || info.defaultImage,
      artifactVersion: info.defaultTag ?? info.version,
      strictVersion: inputs['strict-version'],
      env,
      logger,
    });
    const targets = publishTargets(resolved);
    if (output.kind === 'registry' && targets.length === 0) {
      throw new InputError(
        'Input "image" is required to push: set image to the target repository (e.g. ghcr.io/acme/my-sink), or set output to oci:DIR to write an OCI layout instead.',
      );
    }
    const repository = resolved.primary;
    const { tags } = resolved;
    const signing = await signingFor(inputs, env, logger);
    const connection = connect(inputs, ctx, repository);
    const build: Build = {
      ...connection,
      inputs,
      ctx,
      phases,
      prepared,
      dockerfile,
      output,
      repository,
      tags,
      targets,
      annotations,
      signing,
      platforms,
      projectDir,
      workspace,
      epoch,
      hashes: new FileHashes(DigestStore.forRun(env, started)),
    };
    try {
      const image = await withPermissionHint(build, () =>
        prepared.builder === 'docker' ? assembleDocker(build) : assembleHere(build),
      );
      const after = await phases.run('after-push', () => afterPush(build, image));
      const { published } = image;
      logger.info(`done: ${phases.summary()}`);
      return {
        outputs: {
          image: published.references[0] ?? '',
          digest: image.digest,
          'image-ref': published.pinned,
          tags,
          platforms: image.platforms,
          'base-digest': image.baseDigest,
          dockerfile,
          pushed: published.pushed,
          references: published.stored,
          ...(published.decisions ? { 'tag-decisions': published.decisions } : {}),
          ...(image.sbomFile ? { sbom: image.sbomFile } : {}),
          ...(image.attestations ? { attestations: image.attestations } : {}),
          ...after,
        },
        stats: { ...published.stats, phases: phases.ms },
        dockerfileText,
        base: image.baseName,
      };
    } finally {
      await connection.close();
    }
  } finally {
    workspace.dispose(env.SLIPWAY_KEEP_CONTEXT === 'true');
    pruneCache();
  }
}

/** The one publisher of a build, chosen by `output`. */
function publisherFor(build: Build, record?: ReuseRecord): Publisher {
  const { output, repository, ctx } = build;
  if (output.kind === 'oci') return new LayoutPublisher(output.dir, build.tags, ctx.logger);
  if (output.kind === 'none' || !repository) return new DryRunPublisher(ctx.logger);
  return new RegistryPublisher({
    transport: build.transport,
    targets: build.targets,
    policy: build.inputs['if-exists'],
    logger: ctx.logger,
    ensureRepository: (r) => build.access.ensureRepository(r),
    record,
    sameAs: reuseCandidateTags(build.ctx.env, build.targets[0]?.tags ?? []),
  });
}

/** The native builder: base from its registry or layout, one layer, then the publisher. */
async function assembleHere(build: Build): Promise<Assembled> {
  const { plan } = build.prepared;
  // The artifact's digest comes from the layer's pass, or from the publisher's check before it.
  const record = new ReuseRecord(plan, build.epoch, build.platforms, build.hashes);
  const publisher = publisherFor(build, record);
  const built = await assembleNative(
    plan,
    { transport: build.transport, platforms: build.platforms, workingDirectory: build.projectDir },
    {
      epoch: build.epoch,
      requested: build.platforms,
      tmpDir: build.workspace.root,
      phase: (name, step) => {
        // The layer's pass is when a push waits on the registry (the layer streams up, the
        // checks before it ask what is there): the SBOM writer loads meanwhile, unless the
        // artifact was hashed before, when its SBOM is most likely in the cache (sbom-cache.ts).
        if (name === 'layer' && build.output.kind === 'registry' && writesSbom(build)) {
          void build.hashes.known(build.prepared.info.path).then((seen) => {
            if (seen === undefined) preloadSbomWriter();
          });
        }
        return build.phases.run(name, step);
      },
      upload: publisher.layerStream(),
      logger: build.ctx.logger,
      fileDigests: record.fileDigests,
      annotations: (layer) => withReuseRecord(build.annotations, record.full(), layer),
      reuse:
        publisher instanceof RegistryPublisher && build.repository
          ? (offer) =>
              earlierLayer({
                transport: build.transport,
                repository: build.targets[0].repository,
                record,
                earlier: publisher,
                offer,
                logger: build.ctx.logger,
              })
          : undefined,
      cacheDir: pythonCacheDir(build.ctx.env),
      baseCacheDir: join(cacheRoot(build.ctx.env), 'base-directories'),
      contextDir:
        build.ctx.env.SLIPWAY_KEEP_CONTEXT === 'true' ? build.prepared.contextDir : undefined,
    },
  );
  try {
    const { image, base } = built;
    const facts: BaseFacts = { name: base.name, digest: base.digest ?? '' };
    const sbom = await imageSbom(build, image.descriptor.digest, facts);
    const checks = beforeTags(build, facts, sbom);
    const phase = publisher.output.kind === 'registry' ? 'push' : 'write';
    const published = await build.phases.run(phase, () => publisher.publish(image, checks.run));
    return {
      digest: image.descriptor.digest,
      platforms: built.platforms.map(formatPlatform),
      baseName: base.name,
      baseDigest: base.digest ?? '',
      published,
      sbomFile: sbom?.file,
      attestations: checks.attestations(),
    };
  } finally {
    await built.dispose();
  }
}

/** The image the engine built, when it was copied out for Slipway to push (checks before tags). */
async function engineImage(build: Build, built: DockerBuilt): Promise<BuiltImage | undefined> {
  if (built.layout) return readLayoutImage(built.layout);
  if (!built.archive) return undefined;
  // The docker-archive reader loads only for a docker-built image that is checked before its tags.
  const { readDockerArchive } = await import('../image/docker-archive');
  return readDockerArchive(built.archive, {
    bases: await dockerBaseImages(build),
    tmpDir: join(build.workspace.root, 'engine-layers'),
  });
}

/**
 * The images of the base a docker-built image was built on, so that its layers are taken from
 * the registry rather than compressed and sent again; none when the base cannot be read (a
 * stage name, a base the engine alone can reach): then every layer is sent.
 */
async function dockerBaseImages(build: Build): Promise<BasePlatformImage[]> {
  const { plan } = build.prepared;
  try {
    const base = await openBase(
      plan.base,
      { transport: build.transport, platforms: [], workingDirectory: build.projectDir },
      plan.baseSource ?? 'base-image',
    );
    return base.images;
  } catch (err) {
    build.ctx.logger.debug(
      `the base ${plan.base} was not read (${errorMessage(err)}); every layer of the image is sent`,
    );
    return [];
  }
}

/** Downloaded wheels and what was learned from bases, kept between runs. */
export function pythonCacheDir(env: NodeJS.ProcessEnv): string {
  return join(cacheRoot(env), 'python');
}

/** A plan or Dockerfile that needs RUN: built and pushed with `docker-command`. */
async function assembleDocker(build: Build): Promise<Assembled> {
  const { prepared, repository, inputs } = build;
  if (build.output.kind !== 'registry' || !repository) {
    throw new InputError(
      `The image needs ${prepared.dockerReason ?? 'a docker-compatible builder'}, which is built with docker-command and pushed, so output must be registry; remove the RUN steps to write an OCI layout.`,
    );
  }
  if (build.targets.length > 1) {
    throw new InputError(
      `Input "tags" names ${build.targets.length} repositories, but the image needs ${prepared.dockerReason ?? 'a docker-compatible builder'}, which pushes to one; push to one repository, or remove the RUN steps for a native build.`,
    );
  }
  const { manifest, index } = build.annotations;
  if (Object.keys(manifest).length + Object.keys(index).length > 0) {
    build.ctx.logger.warn(
      'annotations are written by the native builder only; this image is built with docker-command and carries its labels but not the annotations',
    );
  }
  // With checks before the tags (verify, signing), podman copies the image out and Slipway
  // pushes it by digest, checks, then tags, as for a native build; docker pushes its tags itself.
  const checked = inputs.verify || Boolean(build.signing);
  // The docker builder's code (the engine driver, registries.conf's TOML) loads only here: most
  // images are built natively.
  const { assembleWithDocker } = await import('../assemble/docker-build');
  const built = await build.phases.run('docker', () =>
    assembleWithDocker({
      ...build,
      repository,
      insecureRegistries: insecureRegistries(inputs, repository),
      skipTlsVerify: inputs['skip-tls-verify'],
      command: inputs['docker-command'],
      logger: build.ctx.logger,
      tmpDir: build.workspace.root,
      layoutDir: checked ? join(build.workspace.root, 'engine-image') : undefined,
    }),
  );
  const base: BaseFacts = { name: prepared.plan.base, digest: '' };
  const image = await engineImage(build, built);
  if (image) {
    const sbom = await imageSbom(build, image.descriptor.digest, base);
    const checks = beforeTags(build, base, sbom);
    // No reuse record: the docker-built image has no Slipway plan to compare with.
    const publisher = publisherFor(build);
    const published = await build.phases.run('push', () => publisher.publish(image, checks.run));
    return {
      digest: image.descriptor.digest,
      platforms: [formatPlatform(image.platform)],
      baseName: base.name,
      baseDigest: '',
      published,
      sbomFile: sbom?.file,
      attestations: checks.attestations(),
    };
  }
  // Nothing to check before the tags: the docker CLI pushed its tags itself.
  const pinned = `${repository.name()}@${built.digest}`;
  const sbom = await imageSbom(build, built.digest, base);
  const checks = beforeTags(build, base, sbom);
  await checks.afterDockerPush(repository, built.digest);
  return {
    digest: built.digest,
    platforms: built.platforms,
    baseName: prepared.plan.base,
    baseDigest: '',
    published: {
      references: built.references,
      pinned,
      stored: [pinned],
      pushed: true,
      stats: NOTHING_SENT,
    },
    sbomFile: sbom?.file,
    attestations: checks.attestations(),
  };
}
