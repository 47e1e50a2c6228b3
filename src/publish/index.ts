/**
 * Where a build goes: pushed to a registry (default), written as an OCI image layout
 * (`oci:DIR`, needs no registry), or nowhere (`none`, a dry run that still computes the digest).
 */
import { resolve } from 'node:path';
import { InputError, RunError } from '../core/errors';
import type { Logger } from '../core/log';
import type { RunStats } from '../core/result';
import { ifExists } from '../run/tags';
import type { IfExistsPolicy } from '../run/tags';
import type { BuiltArtifact } from '../image/image';
import { writeLayout } from '../image/layout';
import type { Reference } from '../image/reference';
import { headManifest } from '../image/remote/read';
import { pushArtifact } from '../image/remote/write';
import type { Transport } from '../image/transport/client';

export type Output = { kind: 'registry' } | { kind: 'oci'; dir: string } | { kind: 'none' };

/** `oci:DIR` is relative to where Slipway runs (not working-directory), like any output path. */
export function parseOutput(value: string): Output {
  if (value === 'registry' || value === 'none') return { kind: value };
  if (value.startsWith('oci:') && value.length > 4) {
    return { kind: 'oci', dir: resolve(value.slice(4)) };
  }
  throw new InputError(
    `Input "output" must be registry, oci:DIR or none (got "${value}"); e.g. output: oci:out/image`,
  );
}

export interface Published {
  /** repo:tag (or repo@digest) per reference written. */
  references: string[];
  pushed: boolean;
  stats: Omit<RunStats, 'phases'>;
}

/** Stats of a run that sent nothing (dry run, layout, unchanged). */
export const NOTHING_SENT = {
  bytesUploaded: 0,
  bytesSkipped: 0,
  blobsUploaded: 0,
  blobsMounted: 0,
  blobsExisting: 0,
};

export interface PushRequest {
  transport: Transport;
  target: Reference;
  tags: string[];
  policy: IfExistsPolicy;
  logger: Logger;
  /** Tags the streamed layer upload already found absent (see LayerUpload). */
  tagsSeenAbsent?: readonly string[];
}

/**
 * Pushes under every tag the if-exists policy allows. A tag that already points at this very
 * digest is a no-op; when all do, no blob is even looked at and `pushed` is false.
 */
export async function pushToRegistry(
  artifact: BuiltArtifact,
  req: PushRequest,
): Promise<Published> {
  const digest = artifact.descriptor.digest;
  const toPush: string[] = [];
  const unchanged: string[] = [];
  for (const tag of req.tags) {
    const ref = req.target.withTag(tag);
    // Overwriting a tag seen absent moments ago needs no second look: only an identical image
    // could be there, and pushing it again is harmless. skip and fail always look.
    const seenAbsent = req.policy === 'overwrite' && req.tagsSeenAbsent?.includes(tag);
    const existing = seenAbsent
      ? undefined
      : await headManifest(req.transport, ref, { push: true });
    const decision = ifExists({
      reference: ref.toString(),
      existingDigest: existing?.digest,
      newDigest: digest,
      policy: req.policy,
    });
    if (decision.action === 'fail') throw new RunError(decision.message);
    if (decision.action === 'skip') req.logger.warn(decision.message);
    if (decision.action === 'no-op') unchanged.push(ref.toString());
    if (decision.action === 'push') toPush.push(tag);
  }
  const references = req.tags.map((tag) => req.target.withTag(tag).toString());
  if (toPush.length === 0) {
    if (unchanged.length > 0) {
      req.logger.info(`unchanged: ${unchanged.join(', ')} already at ${digest}; nothing sent`);
    }
    return { references, pushed: false, stats: NOTHING_SENT };
  }
  const result = await pushArtifact(req.target, artifact, toPush, {
    transport: req.transport,
    logger: req.logger,
  });
  for (const ref of result.references) req.logger.info(`pushed ${ref}@${digest}`);
  return { references, pushed: true, stats: result.stats };
}

export async function writeToLayout(
  artifact: BuiltArtifact,
  dir: string,
  tags: string[],
  logger: Logger,
): Promise<Published> {
  for (const tag of tags) {
    await writeLayout(dir, artifact, tag);
    logger.info(`wrote oci:${dir}:${tag} (${artifact.descriptor.digest})`);
  }
  return { references: tags.map((tag) => `oci:${dir}:${tag}`), pushed: true, stats: NOTHING_SENT };
}
