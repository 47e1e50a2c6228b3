/** What of a project folder a folder copy packages: links, secrets, .dockerignore. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../src/core/errors';
import { MemoryLogger } from '../../src/core/log';
import { walkFolder } from '../../src/connectors/folder';

let root: string;
let outside: string;

function put(rel: string, text = 'x\n'): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

beforeEach(() => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-folder-'));
  root = path.join(base, 'project');
  outside = path.join(base, 'outside');
  fs.mkdirSync(root);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret\n');
});
afterEach(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

const listing = async (logger = new MemoryLogger()): Promise<string[]> =>
  (await walkFolder(root, { label: 'project', logger })).map(
    (e) => `${e.kind} ${e.rel}${e.target ? ` -> ${e.target}` : ''}`,
  );

describe('walkFolder', () => {
  it('keeps a relative link that stays inside as a link, with its text', async () => {
    put('pkg/a.py');
    fs.symlinkSync('pkg/a.py', path.join(root, 'alias.py'));
    fs.symlinkSync('../alias.py', path.join(root, 'pkg', 'chain.py'));
    fs.symlinkSync('missing.py', path.join(root, 'dangling.py'));
    expect(await listing()).toEqual([
      'link alias.py -> pkg/a.py',
      'link dangling.py -> missing.py',
      'dir pkg',
      'file pkg/a.py',
      'link pkg/chain.py -> ../alias.py',
    ]);
  });

  it.each([
    [
      'a relative link climbing out',
      () => path.relative(root, path.join(outside, 'secret.txt')),
      /which leaves project/,
    ],
    ['an absolute link', () => path.join(outside, 'secret.txt'), /which is an absolute path/],
  ])('refuses %s with one line naming it and the fix', async (_, target, why) => {
    put('ok.py');
    fs.symlinkSync(target(), path.join(root, 'creds.json'));
    const error = await walkFolder(root, { label: 'project' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(why);
    expect((error as Error).message).toMatch(
      /^project\/creds\.json is a symbolic link to .*; only links that stay inside project are packaged \(as links\): replace it with the file it points to, or make it a relative link inside the folder\.$/,
    );
  });

  it('refuses a link that looks inside but whose real path leaves (through another link)', async () => {
    fs.symlinkSync(outside, path.join(root, 'out'));
    // out is itself refused first when walked; name order puts "a-link" before it.
    fs.symlinkSync('out/secret.txt', path.join(root, 'a-link'));
    await expect(walkFolder(root, { label: 'project' })).rejects.toThrow(
      /a-link is a symbolic link to out\/secret\.txt, which leads to .*secret\.txt, outside project/,
    );
  });

  it('leaves secrets out whatever .dockerignore says, and logs them; a "!" line brings a key back', async () => {
    for (const f of [
      '.env',
      '.env.production',
      '.npmrc',
      '.pypirc',
      '.netrc',
      'gha-creds-1a2b.json',
      'tls/server.key',
      'tls/server.pem',
      'tls/ca.pem',
      '.git/config',
      '.docker/config.json',
      'main.py',
    ])
      put(f);
    put('.dockerignore', '!tls/ca.pem\n!.env\n');
    const logger = new MemoryLogger();
    expect(await listing(logger)).toEqual([
      'file .dockerignore',
      'file main.py',
      'dir tls',
      'file tls/ca.pem',
    ]);
    expect(logger.lines.join('\n')).toContain(
      'left out of the image (secrets are never packaged; a *.pem or *.key comes in when a "!" line of .dockerignore names it): .docker/, .env, .env.production, .git/, .netrc, .npmrc, .pypirc, gha-creds-1a2b.json, tls/server.key, tls/server.pem',
    );
  });

  it('honours .dockerignore as docker does, folders and exceptions included, and logs it', async () => {
    for (const f of ['docs/a.md', 'docs/keep.md', 'src/x.py', 'src/x.test.py', 'tests/t.py'])
      put(f);
    put('.dockerignore', 'docs\n!docs/keep.md\n**/*.test.py\ntests/\n');
    const logger = new MemoryLogger();
    expect(await listing(logger)).toEqual([
      'file .dockerignore',
      'dir docs',
      'file docs/keep.md',
      'dir src',
      'file src/x.py',
    ]);
    expect(logger.lines.join('\n')).toContain(
      'left out of the image by .dockerignore: docs/a.md, src/x.test.py, tests/t.py',
    );
  });
});
