import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registriesConf } from '../../src/assemble/docker';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-regconf-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test("the user's registries.conf is kept, and a host it already names is not given twice", async () => {
  const own = path.join(dir, 'registries.conf');
  const text = [
    'unqualified-search-registries = ["quay.io"]',
    '',
    '[[registry]]',
    'location = "mirror.example:5000"',
    'insecure = false',
  ].join('\n');
  fs.writeFileSync(own, text);
  const conf = await registriesConf(['mirror.example:5000', '10.0.0.7:5000'], {
    CONTAINERS_REGISTRIES_CONF: own,
    HOME: dir,
  });
  expect(conf.startsWith(text)).toBe(true);
  expect(conf.match(/mirror\.example:5000/g)).toHaveLength(1);
  expect(conf.endsWith('\n[[registry]]\nlocation = "10.0.0.7:5000"\ninsecure = true\n')).toBe(true);
});

test("without CONTAINERS_REGISTRIES_CONF the user's own file is read, as podman reads it", async () => {
  fs.mkdirSync(path.join(dir, '.config/containers'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, '.config/containers/registries.conf'),
    'short-name-mode = "permissive"\n',
  );
  const conf = await registriesConf(['127.0.0.1:5000'], { HOME: dir });
  expect(conf).toContain('short-name-mode = "permissive"');
  expect(conf).toContain('location = "127.0.0.1:5000"\ninsecure = true');
});
