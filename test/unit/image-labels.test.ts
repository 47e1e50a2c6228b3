import { checkedLabels } from '../../src/image/labels';
import type { ImageConfig } from '../../src/image/types';

function config(labels: unknown): ImageConfig {
  return { architecture: 'amd64', os: 'linux', config: { Labels: labels } } as ImageConfig;
}

function check(labels: unknown): { kept: unknown; warnings: string[] } {
  const warnings: string[] = [];
  const out = checkedLabels(config(labels), 'The base image b', (l) => warnings.push(l));
  return { kept: out.config?.Labels, warnings };
}

test('well-formed labels are kept as they are, and the config is the same object', () => {
  const c = config({
    'org.opencontainers.image.title': 'x [y](https://z)',
    maintainer: 'A <a@b>',
    'io.k8s.display-name': 'UBI 9',
    'com.example/path:key_1': '',
  });
  expect(checkedLabels(c, 'b', () => undefined)).toBe(c);
});

test.each([
  ['a line feed', { k: 'a\nb' }],
  ['a carriage return', { k: 'a\rb' }],
  ['a C1 control', { k: 'a\u0085b' }],
  ['a line separator', { k: 'a\u2028b' }],
  ['a value too long', { k: 'x'.repeat(4097) }],
  ['a value that is not a string', { k: 7 }],
  ['a key with a space', { 'a b': 'v' }],
  ['a key with "="', { 'a=b': 'v' }],
  ['a key that starts with a dot', { '.a': 'v' }],
])('%s is left out with one warning line naming the label', (_, labels) => {
  const { kept, warnings } = check({ ...labels, ok: 'fine' });
  expect(kept).toEqual({ ok: 'fine' });
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).not.toMatch(/[\n\r\u2028]/);
  expect(warnings[0]).toContain(`the label ${JSON.stringify(Object.keys(labels)[0])}`);
});

test('labels that are not a map are left out as a whole', () => {
  const { kept, warnings } = check(['a', 'b']);
  expect(kept).toEqual({});
  expect(warnings).toEqual([
    'The base image b has labels that are not a map of names to strings; they are left out.',
  ]);
});
