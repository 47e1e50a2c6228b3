/**
 * What must hold before a tag points at the image (issues 13 and 15): Airbyte's `spec` on
 * repo@digest (airbyte-verify.ts), then the signed provenance and SBOM attached as referrers
 * (attest.ts). A failure leaves no tag (signing: unless `sign: best-effort`). The publisher calls
 * `run` between "stored by digest" and "tagged" (so does a podman build, which Slipway pushes);
 * the docker CLI pushes its tags itself, so there the same checks can only follow them
 * (`afterDockerPush`).
 */
import type { Inputs } from '../core/inputs';
import type { Logger } from '../core/log';
import type { ImageSbom } from '../attest/sbom';
import type { InspectedArtifact } from '../connectors/types';
import { isIndex } from '../image/image';
import type { Reference } from '../image/reference';
import { fetchManifest, isIndexDocument } from '../image/remote/read';
import type { Transport } from '../image/transport/client';
import type { Descriptor, Platform } from '../image/types';
import type { RegistryAccess } from '../providers';
import type { BeforeTags } from '../publish';
import { signStored, subjectDescriptors, writeImageSbom } from './attest';
import type { AttestRun, BaseFacts, Destination, Signing } from './attest';
import type { Phases } from './phases';
import type { Workspace } from './workspace';
import type { FileHashes } from './reuse';

/** The parts of a build the checks read. */
export interface CheckedRun {
  inputs: Inputs;
  ctx: { env: NodeJS.ProcessEnv; logger: Logger };
  prepared: { info: InspectedArtifact };
  projectDir: string;
  epoch: number;
  repository?: Reference;
  workspace: Workspace;
  transport: Transport;
  access: RegistryAccess;
  signing?: Signing;
  phases: Phases;
  hashes: FileHashes;
}

export interface Checks {
  run: BeforeTags;
  afterDockerPush(repository: Reference, digest: string): Promise<void>;
  /** Each signed bundle's referrer, once signed; undefined when nothing was signed. */
  attestations(): string[] | undefined;
}

/** A run writes an SBOM when asked to, and when it signs (the SBOM is one of the statements). */
export function writesSbom(run: Pick<CheckedRun, 'inputs' | 'signing'>): boolean {
  return run.inputs.sbom || Boolean(run.signing);
}

/** The image SBOM file (sbom: true), also the SBOM that signing attests. */
export async function imageSbom(
  run: CheckedRun,
  digest: string,
  base: BaseFacts,
): Promise<(ImageSbom & { file: string }) | undefined> {
  if (!writesSbom(run)) return undefined;
  const file = run.workspace.output('sbom.cdx.json');
  const sbom = await writeImageSbom(attestRun(run), file, digest, base);
  return { ...sbom, file };
}

function attestRun(run: CheckedRun): AttestRun {
  return {
    inputs: run.inputs,
    env: run.ctx.env,
    logger: run.ctx.logger,
    projectDir: run.projectDir,
    epoch: run.epoch,
    info: run.prepared.info,
    artifactSha256: () => run.hashes.ofFile(run.prepared.info.path),
    repository: run.repository,
  };
}

const own = (d: Descriptor): Descriptor => ({
  mediaType: d.mediaType,
  digest: d.digest,
  size: d.size,
});

export function beforeTags(run: CheckedRun, base: BaseFacts, sbom: ImageSbom | undefined): Checks {
  const { inputs, signing, phases } = run;
  let attested: string[] | undefined;
  const check = async (
    where: Destination,
    images: { digest: string; platform?: Platform }[],
    subjects: Descriptor[],
  ): Promise<void> => {
    if (inputs.verify && where.kind === 'registry') {
      const spec = {
        inputs,
        session: {
          access: run.access,
          prepared: {},
        },
        info: run.prepared.info,
        logger: run.ctx.logger,
        tmpDir: run.workspace.root,
      };
      // Running the image under the engine loads only with `verify` (the docker driver's code).
      const { verifySpec } = await import('./airbyte-verify');
      await phases.run('verify', () => verifySpec(spec, where.repositories[0], images));
    }
    if (signing && sbom) {
      attested = await phases.run('sign', () =>
        signStored(attestRun(run), signing, where, subjects, base, sbom),
      );
    }
  };
  return {
    run: async (stored) => {
      const built = stored.image;
      const images = isIndex(built)
        ? built.images.map((i) => ({ digest: i.descriptor.digest, platform: i.platform }))
        : [{ digest: built.descriptor.digest, platform: built.platform }];
      await check(stored, images, subjectDescriptors(built));
    },
    afterDockerPush: async (repository, digest) => {
      if (!inputs.verify && !signing) return;
      const fetched = await fetchManifest(run.transport, repository.withDigest(digest));
      const entries = isIndexDocument(fetched.manifest) ? fetched.manifest.manifests : [];
      const where: Destination = {
        kind: 'registry',
        transport: run.transport,
        repositories: [repository],
      };
      await check(where, [{ digest }], [own(fetched.descriptor), ...entries.map(own)]);
    },
    attestations: () => attested,
  };
}
