/**
 * The pipeline, in one direction: build → artifact → plan → Dockerfile → credentials → assemble
 * → publish → result. Fronts call runPipeline with validated inputs and write the result back in
 * their own way; nothing here knows which front is calling.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from './errors';
import type { Inputs } from './inputs';
import type { Logger } from './log';
import type { Result, RunStats } from './result';
import { buildEpoch } from './clock';
import { NOTHING_SENT, parseOutput, pushToRegistry, writeToLayout } from './publish';
import type { Published } from './publish';
import { defaultTags } from './tags';
import { assembleNative, openBase } from '../assemble/native';
import { prepareArtifact } from '../connectors';
import { renderDockerfile } from '../connectors/dockerfile';
import { formatPlatform, parsePlatforms } from '../image/platform';
import { parseRepository } from '../image/reference';
import { Transport } from '../image/transport/client';
import { registryAccess } from '../providers';

export interface PipelineContext {
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** The CI's OIDC token for an audience, when the CI offers one (keyless cloud login). */
  ciOidcToken(audience: string): Promise<string | undefined>;
}

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

export async function runPipeline(inputs: Inputs, ctx: PipelineContext): Promise<Result> {
  const { logger, env } = ctx;
  const phases = new Phases();
  const workdir = resolve(inputs['working-directory']);
  const output = parseOutput(inputs.output, workdir);
  const requested = parsePlatforms(inputs.platforms);
  const work = scratchDir(env);

  const prepared = await phases.run('artifact', () =>
    prepareArtifact(inputs, { workingDirectory: workdir, logger, workDir: work }),
  );
  const { plan, info } = prepared;

  const dockerfileText = renderDockerfile(plan, prepared.contextDir);
  const dockerfile = join(work, 'Dockerfile');
  writeFileSync(dockerfile, dockerfileText);

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

  const access = registryAccess({ inputs, env, logger, ciOidcToken: ctx.ciOidcToken }, repository);
  const transport = new Transport({
    credentials: access.credentials,
    insecure: inputs['insecure-registry'],
    caPem: access.caPem,
    maxRetries: inputs['max-retries'],
    requestTimeoutMs: inputs['request-timeout'] * 1000,
    logger,
  });

  try {
    const base = await phases.run('base', () =>
      openBase(plan.base, { transport, platforms: requested, workingDirectory: workdir }),
    );
    const epoch = buildEpoch(workdir, env);
    const built = await phases.run('layer', () =>
      assembleNative(plan, base, { epoch, requested, tmpDir: work }),
    );
    try {
      const { artifact } = built;
      let published: Published;
      if (output.kind === 'registry' && repository) {
        published = await phases.run('push', async () => {
          await access.ensureRepository(repository);
          return pushToRegistry(artifact, {
            transport,
            target: repository,
            tags,
            policy: inputs['if-exists'],
            logger,
          });
        });
      } else if (output.kind === 'oci') {
        published = await phases.run('write', () =>
          writeToLayout(artifact, output.dir, tags, logger),
        );
      } else {
        logger.info(`dry run: ${artifact.descriptor.digest} (output: none)`);
        published = { references: [], pushed: false, stats: NOTHING_SENT };
      }
      const digest = artifact.descriptor.digest;
      const stats: RunStats = { ...published.stats, phases: phases.ms };
      return {
        outputs: {
          image: published.references[0] ?? '',
          digest,
          'image-ref': repository ? `${repository.name()}@${digest}` : '',
          tags,
          platforms: built.platforms.map(formatPlatform),
          'base-digest': base.digest ?? '',
          dockerfile,
          pushed: published.pushed,
        },
        stats,
        dockerfileText,
        base: base.name,
      };
    } finally {
      await built.layer.dispose();
    }
  } finally {
    await transport.close();
  }
}
