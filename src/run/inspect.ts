/**
 * `slipway inspect REF`: what an image holds, read from its registry or from an OCI layout
 * (`oci:DIR[:TAG]`) — platforms, layers, labels, the base annotations that tell which layers came
 * from the base, and the steps Slipway recorded in the history.
 */
import type { Inputs } from '../core/inputs';
import type { Logger } from '../core/log';
import { SUFFIX } from '../assemble/history';
import { parseLayoutReference, readLayoutBase } from '../image/layout';
import { formatPlatform } from '../image/platform';
import { parseReference } from '../image/reference';
import { fetchManifest, resolveBase } from '../image/remote/read';
import type { BasePlatformImage } from '../image/image';
import { Annotation, INDEX_MEDIA_TYPES } from '../image/types';
import { connect } from './connect';
import type { ConnectContext } from './connect';

export interface InspectedPlatform {
  platform: string;
  digest: string;
  layers: { digest: string; size: number; mediaType: string }[];
  labels: Record<string, string>;
  entrypoint?: string[];
  cmd?: string[];
  user?: string;
  workdir?: string;
  env: string[];
  base?: { name: string; digest?: string };
  /** What Slipway recorded when it built the image; absent for images it did not build. */
  slipway?: {
    /** The layer holding the connector: the one its COPY step made. */
    layer?: string;
    /** Its steps as Dockerfile-like lines (COPY, ENV, LABEL, USER, ENTRYPOINT …). */
    steps: string[];
  };
}

export interface InspectReport {
  reference: string;
  digest: string;
  mediaType: string;
  annotations: Record<string, string>;
  platforms: InspectedPlatform[];
}

export async function inspectImage(
  reference: string,
  inputs: Inputs,
  ctx: ConnectContext,
): Promise<InspectReport> {
  if (reference.startsWith('oci:')) return inspectLayout(reference, ctx.logger);
  const ref = parseReference(reference, { input: 'REF', defaultTag: 'latest' });
  const connection = connect(inputs, ctx, ref);
  const { transport } = connection;
  try {
    const top = await fetchManifest(transport, ref);
    const image = await resolveBase(transport, ref);
    return {
      reference: ref.toString(),
      digest: top.descriptor.digest,
      mediaType: top.descriptor.mediaType,
      annotations: top.manifest.annotations ?? {},
      platforms: image.images.map(inspectPlatform),
    };
  } finally {
    await connection.close();
  }
}

/** `oci:DIR[:TAG]`: the same report from a layout on disk (what `build --output oci:DIR` wrote). */
async function inspectLayout(reference: string, logger: Logger): Promise<InspectReport> {
  const { dir, tag } = parseLayoutReference(reference);
  const image = await readLayoutBase(dir, tag, { name: reference, logger });
  const single =
    image.images.length === 1 && image.images[0].manifestDescriptor.digest === image.digest;
  return {
    reference,
    digest: image.digest ?? '',
    mediaType: single ? image.images[0].manifestDescriptor.mediaType : INDEX_MEDIA_TYPES[0],
    annotations: single ? (image.images[0].manifest.annotations ?? {}) : {},
    platforms: image.images.map(inspectPlatform),
  };
}

function inspectPlatform(img: BasePlatformImage): InspectedPlatform {
  const annotations = img.manifest.annotations ?? {};
  const baseName = annotations[Annotation.BaseName];
  const config = img.config.config ?? {};
  return {
    platform: formatPlatform(img.platform),
    digest: img.manifestDescriptor.digest,
    layers: img.manifest.layers.map((l) => ({
      digest: l.digest,
      size: l.size,
      mediaType: l.mediaType,
    })),
    labels: config.Labels ?? {},
    entrypoint: config.Entrypoint ?? undefined,
    cmd: config.Cmd ?? undefined,
    user: config.User || undefined,
    workdir: config.WorkingDir || undefined,
    env: config.Env ?? [],
    base: baseName ? { name: baseName, digest: annotations[Annotation.BaseDigest] } : undefined,
    slipway: recorded(img),
  };
}

/**
 * The history entries marked by Slipway (assemble/history.ts) and the layer its COPY made: history
 * entries without empty_layer map one to one, in order, onto the manifest's layers.
 */
function recorded(img: BasePlatformImage): InspectedPlatform['slipway'] {
  const history = img.config.history ?? [];
  const steps: string[] = [];
  let layerIndex = 0;
  let layer: string | undefined;
  for (const entry of history) {
    const createdBy = entry.created_by ?? '';
    const ours = createdBy.endsWith(SUFFIX);
    if (ours) steps.push(createdBy.slice(0, -SUFFIX.length));
    if (!entry.empty_layer) {
      if (ours) layer = img.manifest.layers[layerIndex]?.digest;
      layerIndex++;
    }
  }
  return steps.length > 0 ? { layer, steps } : undefined;
}

/** The report as lines for a terminal. */
export function formatInspectReport(report: InspectReport): string {
  const lines = [
    `${report.reference}`,
    `  digest: ${report.digest}`,
    `  type:   ${report.mediaType}`,
  ];
  for (const p of report.platforms) {
    lines.push(`  ${p.platform}  ${p.digest}`);
    if (p.base) lines.push(`    base: ${p.base.name}${p.base.digest ? `@${p.base.digest}` : ''}`);
    if (p.user) lines.push(`    user: ${p.user}`);
    if (p.workdir) lines.push(`    workdir: ${p.workdir}`);
    if (p.entrypoint) lines.push(`    entrypoint: ${JSON.stringify(p.entrypoint)}`);
    if (p.cmd) lines.push(`    cmd: ${JSON.stringify(p.cmd)}`);
    if (p.slipway) {
      lines.push('    built by slipway:');
      if (p.slipway.layer) lines.push(`      connector layer: ${p.slipway.layer}`);
      for (const step of p.slipway.steps) lines.push(`      ${step}`);
    }
    lines.push(`    layers (${p.layers.length}):`);
    for (const l of p.layers) lines.push(`      ${l.digest}  ${l.size}`);
    const labels = Object.entries(p.labels);
    if (labels.length) {
      lines.push('    labels:');
      for (const [k, v] of labels) lines.push(`      ${k}=${v}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
