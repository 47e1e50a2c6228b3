/**
 * A CycloneDX 1.5 SBOM of what the artifact bundles, written from the components inspection
 * collected (connectors/inspect/components.ts); the artifact is not opened again. The document
 * depends only on those facts and the build epoch (no random serial number, no wall clock), so an
 * unchanged build gives the same bytes and the same referrer digest, and a re-run finds it already
 * pushed.
 */
import { createHash } from 'node:crypto';
import { epochToIso } from '../core/clock';
import type { ArtifactComponents, InspectedArtifact, SbomComponent } from '../connectors/types';

export const CYCLONEDX_MEDIA_TYPE = 'application/vnd.cyclonedx+json';

export interface CycloneDxBom {
  bomFormat: 'CycloneDX';
  specVersion: '1.5';
  serialNumber: string;
  version: 1;
  metadata: {
    timestamp: string;
    tools: { components: { type: 'application'; name: string }[] };
    component: SbomComponent;
  };
  components: SbomComponent[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

/** The SBOM of an inspected artifact; undefined when there is nothing to describe (a plain file). */
export function buildSbom(
  info: InspectedArtifact,
  epoch: number,
  artifactSha256?: string,
): CycloneDxBom | undefined {
  if (!info.bom) return undefined;
  // A copy: the inspected facts serve both SBOMs of a run and must stay as inspection left them.
  const found = structuredClone(info.bom);
  if (artifactSha256) found.main.hashes = [{ alg: 'SHA-256', content: artifactSha256 }];
  if (info.connectorType) {
    addProperty(found.main, 'slipway:connector-type', info.connectorType);
  }
  if (info.className) addProperty(found.main, 'slipway:class-name', info.className);
  return assemble(found, epoch);
}

/** Stable JSON bytes of the document (two-space indent, members in insertion order). */
export function sbomBytes(bom: CycloneDxBom): Buffer {
  return Buffer.from(`${JSON.stringify(bom, null, 2)}\n`, 'utf8');
}

function assemble(found: ArtifactComponents, epoch: number): CycloneDxBom {
  const byRef = new Map<string, SbomComponent>();
  for (const c of found.components) {
    if (c['bom-ref'] === found.main['bom-ref']) continue;
    const seen = byRef.get(c['bom-ref']);
    if (!seen) byRef.set(c['bom-ref'], c);
    else mergeInto(seen, c);
  }
  const components = [...byRef.values()].sort((a, b) => compare(a['bom-ref'], b['bom-ref']));
  const body = {
    main: found.main,
    components,
  };
  const serial = uuidFromHash(createHash('sha256').update(JSON.stringify(body)).digest());
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: `urn:uuid:${serial}`,
    version: 1,
    metadata: {
      timestamp: epochToIso(epoch),
      tools: { components: [{ type: 'application', name: 'slipway' }] },
      component: found.main,
    },
    components,
    dependencies: [{ ref: found.main['bom-ref'], dependsOn: components.map((c) => c['bom-ref']) }],
  };
}

/** A name-based (version 5 style) UUID from a digest: the same content, the same serial number. */
export function uuidFromHash(hash: Buffer): string {
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function mergeInto(into: SbomComponent, from: SbomComponent): void {
  for (const p of from.properties ?? []) {
    if (!into.properties?.some((q) => q.name === p.name && q.value === p.value)) {
      addProperty(into, p.name, p.value);
    }
  }
  into.properties?.sort((x, y) => compare(x.name, y.name) || compare(x.value, y.value));
  into.hashes ??= from.hashes;
}

function addProperty(c: SbomComponent, name: string, value: string): void {
  (c.properties ??= []).push({ name, value });
}
