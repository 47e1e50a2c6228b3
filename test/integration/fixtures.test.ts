import { startRegistry } from '../fixtures/registry';
import type { RegistryAuth, TestRegistry } from '../fixtures/registry';
import { seedBusyboxBase } from '../fixtures/images';
import { podmanRun, skopeoInspect } from '../fixtures/clients';

interface InspectOutput {
  Architecture: string;
  Os: string;
  Layers: string[];
  Digest: string;
}
interface RawIndex {
  mediaType: string;
  manifests: { digest: string; platform: { os: string; architecture: string } }[];
}

describe.each<RegistryAuth>(['none', 'htpasswd', 'token'])('registry with auth %s', (auth) => {
  let reg: TestRegistry;
  beforeAll(async () => {
    reg = await startRegistry({ auth });
  });
  afterAll(async () => {
    await reg.stop();
  });

  it('takes a seeded single-platform base that skopeo inspects', async () => {
    const seeded = await seedBusyboxBase(reg, 'fx/base:1', { marker: `m-${auth}` });
    const info = (await skopeoInspect(`${reg.host}/fx/base:1`, {
      creds: reg.creds,
    })) as InspectOutput;
    expect(info.Architecture).toBe('amd64');
    expect(info.Os).toBe('linux');
    expect(info.Layers).toHaveLength(2);
    expect(info.Digest).toBe(seeded.digest);
  });

  it('takes a multi-platform base as an index', async () => {
    const seeded = await seedBusyboxBase(reg, 'fx/multi:1', {
      platforms: ['linux/amd64', 'linux/arm64'],
    });
    const raw = (await skopeoInspect(`${reg.host}/fx/multi:1`, {
      raw: true,
      creds: reg.creds,
    })) as RawIndex;
    expect(raw.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(raw.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`)).toEqual([
      'linux/amd64',
      'linux/arm64',
    ]);
    expect(seeded.manifests.map((m) => m.digest)).toEqual(raw.manifests.map((m) => m.digest));
  });

  it('runs the base with podman', async () => {
    const out = await podmanRun(`${reg.host}/fx/base:1`, ['cat', '/etc/base-marker'], {
      creds: reg.creds,
    });
    expect(out.stderr).toBe('');
    expect(out).toMatchObject({ code: 0, stdout: `m-${auth}\n` });
  });
});
