/**
 * What users do by hand once the image is pushed: an SBOM next to the image, a Function Mesh
 * resource that runs exactly that digest, the Airbyte custom connector definition. Runs after
 * publish; each step is switched on by its own input.
 */
import { writeFileSync } from 'node:fs';
import { basename, posix } from 'node:path';
import { InputError, RunError, errorMessage } from '../core/errors';
import type { Inputs } from '../core/inputs';
import type { Logger } from '../core/log';
import type { Output, Published } from '../publish';
import type { Workspace } from './workspace';
import type { Outputs } from '../core/result';
import type { ImagePlan } from '../connectors/plan';
import type { InspectedArtifact } from '../connectors/types';
import type { Reference } from '../image/reference';
import { headManifest } from '../image/remote/read';
import type { Transport } from '../image/transport/client';
import type { Descriptor } from '../image/types';
import type { AirbyteAuth } from '../connectors/airbyte/registration';
import type { FunctionMeshInput } from '../connectors/functionmesh/resource';
import { publishSbom } from '../attest/publish-sbom';
import type { FileHashes } from './reuse';

export type AfterPushOutputs = Pick<Outputs, 'manifest' | 'definition-id' | 'sbom-digest'>;

/** The parts of a build the after-push steps read. */
export interface AfterPushRun {
  inputs: Inputs;
  ctx: { logger: Logger };
  projectDir: string;
  /** The resource file goes next to the rendered Dockerfile. */
  workspace: Workspace;
  epoch: number;
  prepared: { info: InspectedArtifact; plan: ImagePlan };
  output: Output;
  repository?: Reference;
  tags: string[];
  transport: Transport;
  hashes: FileHashes;
}

export interface PushedImage {
  digest: string;
  published: Published;
}

const FUNCTION_MESH_FILE = 'function-mesh.yaml';

// Each step's code loads only when its input asks for it: the Function Mesh generator (its CRD
// schema and admission checks) with function-mesh-manifest, Airbyte's API client with airbyte-url.
const functionMesh = () => import('../connectors/functionmesh/resource');
const airbyte = () => import('../connectors/airbyte/registration');

export async function afterPush(run: AfterPushRun, image: PushedImage): Promise<AfterPushOutputs> {
  const out: AfterPushOutputs = {};
  const { inputs } = run;
  if (inputs['function-mesh-manifest']) out.manifest = await writeFunctionMesh(run, image);
  if (inputs.sbom) {
    const digest = await sbomStep(run, image);
    if (digest) out['sbom-digest'] = digest;
  }
  if (inputs['airbyte-url']) out['definition-id'] = await airbyteStep(run);
  return out;
}

/**
 * Checks the after-push inputs before anything is pushed, so that bad values fail the run as bad
 * input (exit 2) with nothing sent: the Function Mesh resource is generated once with a stand-in
 * digest and put through the admission checks, and the Airbyte inputs are checked together.
 */
export async function checkAfterPush(
  inputs: Inputs,
  prepared: { info: InspectedArtifact; plan: ImagePlan },
  workdir: string,
): Promise<void> {
  const { info } = prepared;
  if (inputs['function-mesh-manifest']) {
    if (!inputs.image && !info.defaultImage) {
      throw new InputError(
        'Input "function-mesh-manifest" pins the resource to the pushed image, so it needs image (the target repository).',
      );
    }
    await (
      await functionMesh()
    ).generateResource(
      functionMeshInput(inputs, prepared, workdir, `example.invalid/image@${STAND_IN}`),
    );
  }
  if (inputs['airbyte-url']) {
    requireAirbyteConnector(info);
    (await airbyte()).checkAirbyteInputs({
      url: inputs['airbyte-url'],
      workspaceId: inputs['airbyte-workspace-id'],
      auth: airbyteAuth(inputs),
    });
  }
}

function requireAirbyteConnector(info: InspectedArtifact): void {
  if (info.connectorType !== 'airbyte-source' && info.connectorType !== 'airbyte-destination') {
    throw new InputError(
      `Input "airbyte-url" registers an Airbyte connector, but this artifact is ${info.connectorType ?? 'not a connector'}; remove airbyte-url.`,
    );
  }
}

const STAND_IN = `sha256:${'0'.repeat(64)}`;

function airbyteAuth(inputs: Inputs): AirbyteAuth {
  return {
    token: inputs['airbyte-token'] || undefined,
    clientId: inputs['airbyte-client-id'] || undefined,
    clientSecret: inputs['airbyte-client-secret'] || undefined,
  };
}

function functionMeshInput(
  inputs: Inputs,
  prepared: { info: InspectedArtifact; plan: ImagePlan },
  workdir: string,
  imageRef: string,
): FunctionMeshInput {
  const { info, plan } = prepared;
  const file = plan.files.find((f) => posix.basename(f.path) === basename(info.path));
  const pathInImage = file?.path ?? plan.files[0]?.path;
  if (!pathInImage) {
    throw new InputError(
      'Input "function-mesh-manifest": the image plan has no artifact file to point the runtime at.',
    );
  }
  return {
    connectorType: info.connectorType,
    format: info.format,
    name: info.name,
    className: info.className,
    imageRef,
    pathInImage,
    values: inputs['function-mesh-values'],
    workingDirectory: workdir,
  };
}

async function writeFunctionMesh(run: AfterPushRun, image: PushedImage): Promise<string> {
  if (!run.repository) {
    throw new InputError(
      'Input "function-mesh-manifest" pins the resource to the pushed image, so it needs image (the target repository).',
    );
  }
  const imageRef = `${run.repository.name()}@${image.digest}`;
  const { kind, yaml } = await (
    await functionMesh()
  ).generateResource(
    functionMeshInput(run.inputs, run.prepared, run.projectDir, imageRef),
    run.ctx.logger,
  );
  const path = run.workspace.output(FUNCTION_MESH_FILE);
  writeFileSync(path, yaml);
  run.ctx.logger.info(`function mesh: wrote ${kind} resource ${path}`);
  return path;
}

async function sbomStep(run: AfterPushRun, image: PushedImage): Promise<string | undefined> {
  const { repository } = run;
  const { logger } = run.ctx;
  if (run.output.kind !== 'registry' || !repository) {
    logger.debug('sbom: pushed only with output: registry');
    return undefined;
  }
  const subject = async (): Promise<Descriptor> => {
    const found = await headManifest(run.transport, repository.withDigest(image.digest), {
      push: true,
    });
    if (!found) throw new RunError(`${repository.name()}@${image.digest} is not in the registry`);
    return { mediaType: found.mediaType, digest: image.digest, size: found.size };
  };
  try {
    return await publishSbom({
      transport: run.transport,
      repository: repository.repositoryOnly(),
      subject,
      info: run.prepared.info,
      artifactSha256: await run.hashes.ofFile(run.prepared.info.path),
      epoch: run.epoch,
      logger,
    });
  } catch (err) {
    if (err instanceof InputError) throw err;
    // The image is pushed and usable: a registry that refuses artifacts must not fail the run.
    logger.warn(`sbom: not pushed (${errorMessage(err)}); set sbom: false to skip it`);
    return undefined;
  }
}

/** Airbyte's docker repository naming: Docker Hub images without the host, others with it. */
function airbyteRepository(repository: Reference): string {
  if (repository.registry !== 'docker.io') return repository.name();
  return repository.repository.replace(/^library\//, '');
}

async function airbyteStep(run: AfterPushRun): Promise<string> {
  const { inputs, repository } = run;
  const { logger } = run.ctx;
  const { info } = run.prepared;
  requireAirbyteConnector(info);
  if (run.output.kind !== 'registry' || !repository) {
    throw new InputError(
      'Input "airbyte-url" registers the pushed image, so it needs output: registry and image.',
    );
  }
  const tag = run.tags[0];
  if (!tag) {
    throw new InputError(
      'Input "airbyte-url": Airbyte runs an image by tag, but no tag was pushed; set tags.',
    );
  }
  const result = await (
    await airbyte()
  ).registerDefinition({
    url: inputs['airbyte-url'],
    workspaceId: inputs['airbyte-workspace-id'],
    auth: airbyteAuth(inputs),
    kind: info.connectorType === 'airbyte-destination' ? 'destinations' : 'sources',
    name: info.name ?? repository.repository,
    dockerRepository: airbyteRepository(repository),
    dockerImageTag: tag,
    documentationUrl: info.airbyte?.documentationUrl,
    logger,
    timeoutMs: inputs['request-timeout'] * 1000,
  });
  return result.id;
}
