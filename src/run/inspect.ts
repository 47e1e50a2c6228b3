/**
 * `slipway inspect REF`: what an image holds, read from its registry — platforms, layers,
 * labels and the base annotations that tell which layers came from the base.
 */
import type { Inputs } from '../core/inputs';
import { formatPlatform } from '../image/platform';
import { parseReference } from '../image/reference';
import { fetchManifest, resolveBase } from '../image/remote/read';
import { Annotation } from '../image/types';
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
  const ref = parseReference(reference, { input: 'REF', defaultTag: 'latest' });
  const { transport } = connect(inputs, ctx, ref);
  try {
    const top = await fetchManifest(transport, ref);
    const image = await resolveBase(transport, ref);
    return {
      reference: ref.toString(),
      digest: top.descriptor.digest,
      mediaType: top.descriptor.mediaType,
      annotations: top.manifest.annotations ?? {},
      platforms: image.images.map((img) => {
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
          base: baseName
            ? { name: baseName, digest: annotations[Annotation.BaseDigest] }
            : undefined,
        };
      }),
    };
  } finally {
    await transport.close();
  }
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
