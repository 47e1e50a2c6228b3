import { imageChanges } from '../../src/assemble/native';
import type { ImagePlan } from '../../src/connectors/plan';
import { InputError } from '../../src/core/errors';
import type { BasePlatformImage } from '../../src/image/image';
import { exposedPortKeys, mutateImage } from '../../src/image/mutate';
import type { ImageConfig } from '../../src/image/types';
import { fakeBase } from '../fixtures/fake-image';

/** EXPOSE of a user Dockerfile reaches the native image's config as Docker writes it. */

function base(exposed?: Record<string, Record<string, never>>): BasePlatformImage {
  return fakeBase({
    config: { Env: ['PATH=/bin'], ...(exposed ? { ExposedPorts: exposed } : {}) },
  });
}

function plan(exposedPorts?: string[]): ImagePlan {
  return { base: 'b', files: [], directories: [], env: {}, labels: {}, run: [], exposedPorts };
}

async function configOf(image: BasePlatformImage, p: ImagePlan): Promise<ImageConfig> {
  const built = mutateImage({
    base: { name: 'b', images: [image] },
    image,
    changes: imageChanges(p),
    epoch: 0,
  });
  const chunks: Buffer[] = [];
  for await (const c of await built.config.open()) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString()) as ImageConfig;
}

describe('exposedPorts', () => {
  it('the native builder applies the plan’s EXPOSE, keeping the base’s ports', async () => {
    const cfg = await configOf(base({ '9090/tcp': {} }), plan(['8080', '53/UDP', '7000-7001']));
    expect(cfg.config?.ExposedPorts).toEqual({
      '9090/tcp': {},
      '8080/tcp': {},
      '53/udp': {},
      '7000/tcp': {},
      '7001/tcp': {},
    });
  });

  it('no EXPOSE leaves the config without ports', async () => {
    const cfg = await configOf(base(), plan());
    expect(cfg.config?.ExposedPorts).toBeUndefined();
    expect(imageChanges(plan(['1'])).exposedPorts).toEqual(['1']);
  });

  it('a word that is not a port is an input error naming it', () => {
    expect(exposedPortKeys('443/tcp')).toEqual(['443/tcp']);
    for (const bad of ['http', '0', '70000', '9-8', '80/icmp', '']) {
      expect(() => exposedPortKeys(bad)).toThrow(InputError);
    }
    expect(() => exposedPortKeys('http')).toThrow(/^EXPOSE http is not a port; write/);
  });
});
