/**
 * Issue 15, SBOM and provenance content: the CycloneDX library's SBOM of an image lists the base
 * image as a pkg:oci component pinned by digest and what the NAR bundles, is the same bytes on a
 * rebuild, and validates against the CycloneDX 1.6 JSON schema the library ships (checked with
 * ajv 8 directly: the library's own validator needs ajv-formats, which is not installed). The
 * provenance names the base digest and the commit it was given, and carries no secret input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import type { AnySchema } from 'ajv';
import { buildImageSbom, ociPurl } from '../../src/attest/sbom';
import {
  CYCLONEDX_PREDICATE,
  SLSA_PROVENANCE_V1,
  ciContext,
  externalParameters,
  provenanceStatement,
  sbomStatement,
} from '../../src/attest/statement';
import { summarise } from '../../src/attest/verify';
import { secrets } from '../../src/core/secrets';
import { inspectArtifact } from '../../src/connectors/inspect';
import type { InspectedArtifact } from '../../src/connectors/types';
import { defaultInputs } from '../../src/core/inputs';
import { CLASS, tempDir, writeZip, zipBuffer } from '../unit/connector-fixtures';

const EPOCH = 1_700_000_000;
const BASE = 'docker.io/streamnative/pulsar-functions-java-runner:3.3.0';
const BASE_DIGEST = `sha256:${'a1'.repeat(32)}`;
const IMAGE_DIGEST = `sha256:${'e2'.repeat(32)}`;
const COMMIT = '89abcdef0123456789abcdef0123456789abcdef';

let tmp: ReturnType<typeof tempDir>;
let inspected: InspectedArtifact;

function pom(groupId: string, artifactId: string, version: string): Record<string, string> {
  return {
    [`META-INF/maven/${groupId}/${artifactId}/pom.properties`]: `groupId=${groupId}\nartifactId=${artifactId}\nversion=${version}\n`,
  };
}

beforeAll(async () => {
  tmp = tempDir('slipway-attest-sbom-');
  const nar = await writeZip(join(tmp.dir, 'my-sink-1.2.0.nar'), {
    'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\r\n\r\n',
    'META-INF/services/pulsar-io.yaml': 'name: my-sink\nsinkClass: com.acme.MySink\n',
    'com/acme/MySink.class': CLASS,
    ...pom('com.acme', 'my-sink', '1.2.0'),
    'META-INF/bundled-dependencies/': '',
    'META-INF/bundled-dependencies/jackson-core-2.17.1.jar': await zipBuffer({
      ...pom('com.fasterxml.jackson.core', 'jackson-core', '2.17.1'),
      'com/fasterxml/jackson/core/JsonParser.class': CLASS,
    }),
  });
  // The SBOM is written from what inspection collected (the artifact is read once).
  inspected = await inspectArtifact(defaultInputs({}), nar, tmp.dir);
});
afterAll(() => tmp.remove());

function info(): InspectedArtifact {
  return inspected;
}

function schemaValidator(): Ajv {
  const dir = join(
    require.resolve('@cyclonedx/cyclonedx-library/package.json'),
    '..',
    'res',
    'schema',
  );
  const load = (file: string): AnySchema => {
    // The bom schema refers to its siblings by their SNAPSHOT file names; their $ids lack it.
    const text = readFileSync(join(dir, file), 'utf8').replace(
      /\.SNAPSHOT\.schema\.json/g,
      '.schema.json',
    );
    return JSON.parse(text) as AnySchema;
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is not installed: the formats the 1.6 schema uses, checked strictly enough here.
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  ajv.addFormat('iri-reference', /^\S*$/);
  ajv.addFormat('idn-email', /^[^@\s]+@[^@\s]+$/);
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
  ajv.addSchema(load('spdx.SNAPSHOT.schema.json'));
  ajv.addSchema(load('jsf-0.82.SNAPSHOT.schema.json'));
  ajv.addSchema(load('bom-1.6.SNAPSHOT.schema.json'));
  return ajv;
}

describe('the image SBOM', () => {
  it('validates against the CycloneDX 1.6 schema and lists base, artifact and bundled jars', () => {
    const sbom = buildImageSbom({
      info: info(),
      epoch: EPOCH,
      image: { repository: 'ghcr.io/acme/my-sink', digest: IMAGE_DIGEST, tag: '1.2.0' },
      base: { reference: BASE, digest: BASE_DIGEST },
    });
    const validate = schemaValidator().getSchema('http://cyclonedx.org/schema/bom-1.6.schema.json');
    if (!validate) throw new Error('schema not loaded');
    const valid = validate(sbom.document);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);

    const doc = sbom.document as {
      specVersion: string;
      serialNumber: string;
      metadata: { timestamp: string; component: { purl: string; type: string } };
      components: {
        name: string;
        purl?: string;
        type: string;
        version?: string;
        hashes?: { content: string }[];
      }[];
    };
    expect(doc.specVersion).toBe('1.6');
    expect(doc.metadata.timestamp).toBe('2023-11-14T22:13:20.000Z');
    expect(doc.metadata.component.type).toBe('container');
    const base = doc.components.find((c) => c.type === 'container');
    expect(base?.purl).toBe(
      ociPurl('docker.io/streamnative/pulsar-functions-java-runner', BASE_DIGEST, '3.3.0'),
    );
    expect(base?.purl).toBe(
      `pkg:oci/pulsar-functions-java-runner@sha256%3A${'a1'.repeat(32)}?repository_url=docker.io/streamnative/pulsar-functions-java-runner&tag=3.3.0`,
    );
    expect(base?.hashes?.[0].content).toBe('a1'.repeat(32));
    expect(doc.components.map((c) => c.purl)).toEqual(
      expect.arrayContaining([
        'pkg:maven/com.acme/my-sink@1.2.0',
        'pkg:maven/com.fasterxml.jackson.core/jackson-core@2.17.1',
      ]),
    );
  });

  it('a mistake is caught by the same validator (so the check above can fail)', () => {
    const validate = schemaValidator().getSchema('http://cyclonedx.org/schema/bom-1.6.schema.json');
    expect(
      validate?.({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ name: 'x' }] }),
    ).toBe(false);
  });

  it('is the same bytes on a rebuild; another base gives another serial number', () => {
    const input = {
      info: info(),
      epoch: EPOCH,
      image: { repository: 'ghcr.io/acme/my-sink' },
      base: { reference: BASE, digest: BASE_DIGEST },
    };
    const a = buildImageSbom(input);
    const b = buildImageSbom(input);
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const c = buildImageSbom({
      ...input,
      base: { reference: BASE, digest: `sha256:${'c3'.repeat(32)}` },
    });
    expect(c.document.serialNumber).not.toBe(a.document.serialNumber);
  });

  it('an image without artifact (a rebase) still lists its base', () => {
    const sbom = buildImageSbom({
      epoch: EPOCH,
      image: { repository: 'ghcr.io/acme/my-sink' },
      base: { reference: BASE, digest: BASE_DIGEST },
    });
    expect(sbom.componentCount).toBe(1);
  });

  it('is the predicate of a CycloneDX statement about every pushed digest', () => {
    const sbom = buildImageSbom({
      info: info(),
      epoch: EPOCH,
      image: { repository: 'ghcr.io/acme/my-sink' },
    });
    const statement = sbomStatement(
      [
        { repository: 'ghcr.io/acme/my-sink', digest: IMAGE_DIGEST },
        { repository: 'ghcr.io/acme/my-sink', digest: BASE_DIGEST },
        { repository: 'ghcr.io/acme/my-sink', digest: IMAGE_DIGEST },
      ],
      sbom.document,
    );
    expect(statement.predicateType).toBe(CYCLONEDX_PREDICATE);
    expect(statement.subject).toHaveLength(2);
    expect(statement.predicate).toBe(sbom.document);
  });
});

describe('the provenance', () => {
  it('names the base digest, the artifact digest and the commit; secret inputs are left out', () => {
    secrets.add('registered-token-value');
    const statement = provenanceStatement({
      subjects: [{ repository: 'registry.gitlab.com/acme/conn', digest: IMAGE_DIGEST }],
      inputs: {
        image: 'registry.gitlab.com/acme/conn',
        'base-image': BASE,
        password: 'plain-password', // secret: true in the inputs table
        'build-args': 'TOKEN=registered-token-value',
        tags: [],
      },
      base: { reference: BASE, digest: BASE_DIGEST },
      artifact: { name: 'my-sink-1.2.0.nar', sha256: 'f'.repeat(64) },
      ci: ciContext({
        GITLAB_CI: 'true',
        CI_SERVER_URL: 'https://gitlab.com',
        CI_PROJECT_PATH: 'acme/conn',
        CI_PROJECT_URL: 'https://gitlab.com/acme/conn',
        CI_RUNNER_ID: '77',
        CI_JOB_URL: 'https://gitlab.com/acme/conn/-/jobs/9',
        CI_COMMIT_SHA: COMMIT,
        CI_COMMIT_REF_NAME: 'main',
      }),
      startedOn: new Date(EPOCH * 1000),
    });
    expect(statement.predicateType).toBe(SLSA_PROVENANCE_V1);
    expect(statement.predicate.buildDefinition.externalParameters).toEqual({
      image: 'registry.gitlab.com/acme/conn',
      'base-image': BASE,
    });
    expect(statement.predicate.runDetails.builder.id).toBe(
      'https://gitlab.com/acme/conn/-/runners/77',
    );
    expect(summarise(statement)).toEqual({
      builder: 'https://gitlab.com/acme/conn/-/runners/77',
      source: 'https://gitlab.com/acme/conn@main',
      commit: COMMIT,
      workflow: '.gitlab-ci.yml',
      invocation: 'https://gitlab.com/acme/conn/-/jobs/9',
      base: { uri: BASE, digest: BASE_DIGEST },
      artifact: { uri: 'my-sink-1.2.0.nar', sha256: 'f'.repeat(64) },
    });
  });

  it('a local run takes the commit it is given', () => {
    const statement = provenanceStatement({
      subjects: [{ repository: 'r.example/x', digest: IMAGE_DIGEST }],
      inputs: {},
      ci: ciContext({}),
      commit: COMMIT,
    });
    expect(summarise(statement).commit).toBe(COMMIT);
    expect(externalParameters({ 'github-token': 'ghp-abcdef', unknown: 'kept' })).toEqual({
      unknown: 'kept',
    });
  });
});
