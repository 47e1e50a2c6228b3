/**
 * The image's CycloneDX SBOM, written with the CycloneDX library (@cyclonedx/cyclonedx-library
 * 10.x, spec 1.6): the image as the described component, the base image as a `pkg:oci` component
 * pinned by digest, and the artifact with what it bundles — the components inspection collected
 * (connectors/inspect/components.ts), so the artifact is not read again. Same inputs, same bytes:
 * the serial number is derived from the content and the timestamp from the build epoch.
 */
import { createHash } from 'node:crypto';
import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import { buildSbom, uuidFromHash } from './components';
import type { InspectedArtifact, SbomComponent } from '../connectors/types';
import { parseReference } from '../image/reference';

export const CYCLONEDX_SPEC_VERSION = '1.6';

export interface ImageSbomInput {
  /** The inspected artifact; undefined for an image without one (a rebase). */
  info?: InspectedArtifact;
  /** The artifact file's sha256, which the run reads once (inspection does not hash it). */
  artifactSha256?: string;
  /** Build epoch (seconds): the document's timestamp. */
  epoch: number;
  /** The target repository (host/path) the SBOM describes. */
  image: { repository: string; digest?: string; tag?: string };
  /** The base image as named and its pinned digest; absent for `scratch`. */
  base?: { reference: string; digest: string };
}

export interface ImageSbom {
  /** The parsed JSON document (the attestation predicate). */
  document: Record<string, unknown>;
  /** Its bytes (two-space JSON with a final newline): the `sbom` file and referrer layer. */
  bytes: Buffer;
  /** How many components it lists (base, artifact and what the artifact bundles). */
  componentCount: number;
}

/**
 * purl of an OCI image (package-url spec, type "oci"): the last path segment as name, the digest
 * as version, the repository as `repository_url`.
 */
export function ociPurl(repository: string, digest?: string, tag?: string): string {
  const name = repository.slice(repository.lastIndexOf('/') + 1).toLowerCase();
  const qualifiers = [`repository_url=${encodeURIComponent(repository).replace(/%2F/g, '/')}`];
  if (tag) qualifiers.push(`tag=${encodeURIComponent(tag)}`);
  return `pkg:oci/${encodeURIComponent(name)}${digest ? `@${encodeURIComponent(digest)}` : ''}?${qualifiers.join('&')}`;
}

/**
 * The base's repository and tag: a registry reference, or an OCI layout on disk (`oci:DIR[:TAG]`),
 * which has no registry: then its reference as written stands for the repository.
 */
function baseName(reference: string): { name: string; tag?: string } {
  if (reference.startsWith('oci:')) return { name: reference };
  const ref = parseReference(reference);
  return { name: ref.name(), tag: ref.tag };
}

const COMPONENT_TYPES: Record<SbomComponent['type'], Enums.ComponentType> = {
  application: Enums.ComponentType.Application,
  library: Enums.ComponentType.Library,
  container: Enums.ComponentType.Container,
  file: Enums.ComponentType.File,
};

function toModel(c: SbomComponent, ref = c['bom-ref']): Models.Component {
  const component = new Models.Component(COMPONENT_TYPES[c.type], c.name, {
    bomRef: ref,
    group: c.group,
    version: c.version,
    description: c.description,
    purl: c.purl,
  });
  for (const h of c.hashes ?? []) component.hashes.set(Enums.HashAlgorithm['SHA-256'], h.content);
  for (const l of c.licenses ?? []) component.licenses.add(new Models.NamedLicense(l.license.name));
  for (const p of c.properties ?? [])
    component.properties.add(new Models.Property(p.name, p.value));
  return component;
}

function hexOf(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1);
}

export function buildImageSbom(input: ImageSbomInput): ImageSbom {
  const artifactBom = input.info
    ? buildSbom(input.info, input.epoch, input.artifactSha256)
    : undefined;

  const imageRef = parseReference(input.image.repository);
  const imageName = imageRef.name();
  const image = new Models.Component(Enums.ComponentType.Container, imageName, {
    bomRef: 'image',
    version: input.image.digest ?? input.image.tag,
    purl: ociPurl(imageName, input.image.digest, input.image.tag),
  });
  if (input.image.digest) {
    image.hashes.set(Enums.HashAlgorithm['SHA-256'], hexOf(input.image.digest));
  }

  const components: Models.Component[] = [];
  if (input.base) {
    const { name, tag } = baseName(input.base.reference);
    const base = new Models.Component(Enums.ComponentType.Container, name, {
      bomRef: `base:${name}@${input.base.digest}`,
      version: input.base.digest,
      purl: ociPurl(name, input.base.digest, tag),
      description: 'base image',
    });
    base.hashes.set(Enums.HashAlgorithm['SHA-256'], hexOf(input.base.digest));
    base.properties.add(new Models.Property('slipway:role', 'base-image'));
    components.push(base);
    image.dependencies.add(base.bomRef);
  }
  if (artifactBom) {
    const main = toModel(artifactBom.metadata.component);
    main.properties.add(new Models.Property('slipway:role', 'artifact'));
    components.push(main);
    image.dependencies.add(main.bomRef);
    for (const c of artifactBom.components) {
      const model = toModel(c);
      components.push(model);
      main.dependencies.add(model.bomRef);
    }
  }

  const bom = new Models.Bom({
    metadata: new Models.Metadata({
      timestamp: new Date(input.epoch * 1000),
      component: image,
      tools: new Models.Tools({
        components: new Models.ComponentRepository([
          new Models.Component(Enums.ComponentType.Application, 'slipway'),
        ]),
      }),
    }),
    components: new Models.ComponentRepository(components),
  });
  const serializer = new Serialize.JsonSerializer(
    new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6),
  );
  // The serial number names this content: hash the document without it, then set it.
  const unnumbered = serializer.serialize(bom, { sortLists: true });
  bom.serialNumber = `urn:uuid:${uuidFromHash(createHash('sha256').update(unnumbered).digest())}`;
  const text = serializer.serialize(bom, { sortLists: true, space: 2 });
  return {
    document: JSON.parse(text) as Record<string, unknown>,
    bytes: Buffer.from(`${text}\n`, 'utf8'),
    componentCount: components.length,
  };
}
