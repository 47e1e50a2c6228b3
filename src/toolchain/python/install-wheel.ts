/**
 * Installs a wheel the way PEP 427 ("Installing a wheel 'distribution-1.0-py32-none-any.whl'")
 * and the binary distribution format spec describe, without a Python: as layer entries rather
 * than files in a live site-packages.
 *
 * 1. The wheel is unpacked once per sha256 into a staging folder; every file is hashed on the way
 *    and must match its RECORD line (sha256 and size), and RECORD must list every file.
 * 2. Paths are mapped: `<name>.data/{purelib,platlib}/` → site-packages, `scripts/` → <prefix>/bin
 *    (a `#!python` shebang becomes the base's interpreter), `headers/` →
 *    <prefix>/include/python3.X/<name>/, `data/` → <prefix>/; everything else → site-packages.
 * 3. console_scripts and gui_scripts from entry_points.txt become scripts in <prefix>/bin with
 *    pip 23's launcher text; INSTALLER says "slipway"; RECORD is rewritten with every installed
 *    file (paths relative to site-packages, as pip writes them), sorted.
 * 4. No bytecode is compiled: Python writes __pycache__ at first import where it can, and a
 *    compiled .pyc embeds the source's mtime unless built in "checked hash" mode, which would need
 *    the target's interpreter.
 *
 * Entries are files with a host source (unchanged files point into the staging folder; generated
 * ones are stored content-addressed under <stageDir>/generated), uid/gid 0, mode 0755 for
 * executables and 0644 otherwise.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Entry, ZipFile } from 'yauzl';
import { touchCacheEntry } from '../../core/cache';
import { InputError, errorMessage } from '../../core/errors';
import type { LayerEntries } from '../../image/layer';
import { normalizeName } from './markers';
import type { TargetPython } from './tags';

type PlanFile = LayerEntries['files'][number];

/** One file of an unpacked wheel, as recorded next to it in the staging folder. */
interface StagedFile {
  /** Path inside the wheel. */
  name: string;
  mode: number;
  sha256: string;
  size: number;
}

interface StagedWheel {
  dir: string;
  distInfo: string;
  dataDir: string;
  files: StagedFile[];
}

const MANIFEST = '.slipway-wheel.json';
const unpacking = new Map<string, Promise<StagedWheel>>();

/** Installs the wheel at `wheelPath` (sha256 `sha256`) for `target`; `pkg` names it in errors. */
export async function installWheel(
  wheelPath: string,
  sha256: string,
  pkg: { name: string; version: string; filename: string },
  target: TargetPython,
  stageDir: string,
): Promise<PlanFile[]> {
  const key = `${stageDir}\0${sha256}`;
  let pending = unpacking.get(key);
  if (!pending) {
    pending = stageWheel(wheelPath, sha256, pkg, stageDir);
    unpacking.set(key, pending);
    pending.catch(() => unpacking.delete(key));
  }
  const staged = await pending;
  // Used again, also when this process staged it before (the map above): kept from pruning.
  touchCacheEntry(path.join(stageDir, 'wheels', sha256));
  return layout(staged, pkg, target, stageDir);
}

async function stageWheel(
  wheelPath: string,
  sha256: string,
  pkg: { name: string; version: string; filename: string },
  stageDir: string,
): Promise<StagedWheel> {
  const dir = path.join(stageDir, 'wheels', sha256);
  const manifest = path.join(dir, MANIFEST);
  if (existsSync(manifest)) return JSON.parse(await fs.readFile(manifest, 'utf8')) as StagedWheel;
  const work = `${dir}.${randomBytes(6).toString('hex')}.part`;
  await fs.mkdir(work, { recursive: true });
  try {
    const files = await unzipHashed(wheelPath, work, pkg);
    const { distInfo, dataDir } = await checkRecord(work, files, pkg);
    const staged: StagedWheel = {
      dir,
      distInfo,
      dataDir,
      files: files.sort((a, b) => cmp(a.name, b.name)),
    };
    await fs.writeFile(path.join(work, MANIFEST), JSON.stringify(staged));
    try {
      await fs.rename(work, dir);
    } catch {
      // another build staged the same wheel meanwhile: its files are the same bytes
    }
    return staged;
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

function cmp(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function bad(
  pkg: { filename: string; name: string; version: string },
  why: string,
  fix = 'rebuild or re-download the wheel',
): InputError {
  return new InputError(`The wheel ${pkg.filename} of ${pkg.name} ${pkg.version} ${why}; ${fix}`);
}

/** Extracts every file entry, hashing it; refuses paths that would leave the folder. */
async function unzipHashed(
  wheelPath: string,
  into: string,
  pkg: { name: string; version: string; filename: string },
): Promise<StagedFile[]> {
  const yauzl = (await import('yauzl')).default;
  let zip: ZipFile;
  try {
    zip = await yauzl.openPromise(wheelPath, { lazyEntries: true, autoClose: false });
  } catch (err) {
    throw bad(pkg, `is not a readable zip archive (${errorMessage(err)})`);
  }
  const files: StagedFile[] = [];
  try {
    const entries: Entry[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: Entry) => {
        entries.push(e);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', reject);
      zip.readEntry();
    });
    for (const entry of entries) {
      const name = entry.fileName;
      if (name.endsWith('/')) continue;
      const norm = path.posix.normalize(name);
      if (name.startsWith('/') || norm.startsWith('../') || norm !== name || name.includes('\\')) {
        throw bad(pkg, `holds the unsafe path "${name}"`);
      }
      const unixMode = (entry.externalFileAttributes >>> 16) & 0o170000;
      if (unixMode === 0o120000)
        throw bad(pkg, `holds the symbolic link "${name}", which wheels cannot carry`);
      const dest = path.join(into, name);
      await fs.mkdir(path.dirname(dest), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      const hashing = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(await zip.openReadStreamPromise(entry), hashing, createWriteStream(dest));
      } catch (err) {
        throw bad(pkg, `has the unreadable entry ${name} (${errorMessage(err)})`);
      }
      const executable = ((entry.externalFileAttributes >>> 16) & 0o111) !== 0;
      files.push({
        name,
        mode: executable ? 0o755 : 0o644,
        sha256: hash.digest('base64url'),
        size,
      });
    }
  } finally {
    zip.close();
  }
  return files;
}

/** RECORD must list every file with its sha256 and size (RECORD itself and signatures aside). */
async function checkRecord(
  dir: string,
  files: StagedFile[],
  pkg: { name: string; version: string; filename: string },
): Promise<{ distInfo: string; dataDir: string }> {
  const want = normalizeName(pkg.name).replace(/-/g, '_');
  const distInfos = [
    ...new Set(files.map((f) => f.name.split('/')[0]).filter((d) => d.endsWith('.dist-info'))),
  ];
  const distInfo =
    distInfos.find((d) => normalizeName(d.slice(0, d.indexOf('-'))).replace(/-/g, '_') === want) ??
    (distInfos.length === 1 ? distInfos[0] : undefined);
  if (!distInfo) throw bad(pkg, `has no ${want}-${pkg.version}.dist-info folder`);
  const dataDir = `${distInfo.slice(0, -'.dist-info'.length)}.data`;
  const recordName = `${distInfo}/RECORD`;
  if (!files.some((f) => f.name === recordName)) throw bad(pkg, `has no ${recordName}`);
  const recorded = new Map<string, { hash: string; size: string }>();
  for (const row of parseCsv(await fs.readFile(path.join(dir, recordName), 'utf8'))) {
    if (row.length === 0 || row[0] === '') continue;
    recorded.set(row[0], { hash: row[1] ?? '', size: row[2] ?? '' });
  }
  for (const f of files) {
    if (
      f.name === recordName ||
      f.name === `${distInfo}/RECORD.jws` ||
      f.name === `${distInfo}/RECORD.p7s`
    )
      continue;
    const line = recorded.get(f.name);
    if (!line)
      throw bad(
        pkg,
        `holds ${f.name}, which its RECORD does not list`,
        'the wheel was altered after it was built: rebuild it',
      );
    const m = /^sha256=([A-Za-z0-9_-]+)$/.exec(line.hash);
    if (!m) throw bad(pkg, `lists ${f.name} in RECORD without a sha256 hash ("${line.hash}")`);
    if (
      m[1].replace(/=+$/, '') !== f.sha256 ||
      (line.size !== '' && Number(line.size) !== f.size)
    ) {
      throw bad(
        pkg,
        `holds ${f.name}, whose content does not match its RECORD (sha256 ${f.sha256}, ${f.size} bytes; RECORD says ${m[1]}, ${line.size} bytes)`,
        'the wheel was altered after it was built: rebuild it',
      );
    }
  }
  const present = new Set(files.map((f) => f.name));
  for (const name of recorded.keys()) {
    if (name !== recordName && !name.endsWith('.pyc') && !present.has(name))
      throw bad(
        pkg,
        `lists ${name} in RECORD, but the wheel does not hold it`,
        'the wheel was altered after it was built: rebuild it',
      );
  }
  return { distInfo, dataDir };
}

/** RFC 4180-ish CSV as Python's csv module writes RECORD: commas, optional double quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = false;
        else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') {
        cells.push(cell);
        cell = '';
      } else cell += c;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function layout(
  staged: StagedWheel,
  pkg: { name: string; version: string; filename: string },
  target: TargetPython,
  stageDir: string,
): Promise<PlanFile[]> {
  const site = target.sitePackages;
  const bin = path.posix.join(target.prefix, 'bin');
  const out: PlanFile[] = [];
  const record: [string, string, string][] = [];
  const relToSite = (imagePath: string): string => path.posix.relative(site, imagePath);
  const add = (
    imagePath: string,
    source: string,
    mode: number,
    sha256b64: string,
    size: number,
  ): void => {
    out.push({ path: imagePath, source, mode, uid: 0, gid: 0 });
    record.push([relToSite(imagePath), `sha256=${sha256b64}`, String(size)]);
  };
  const generated = async (imagePath: string, content: Buffer, mode: number): Promise<void> => {
    const source = await storeGenerated(stageDir, content);
    add(
      imagePath,
      source,
      mode,
      createHash('sha256').update(content).digest('base64url'),
      content.length,
    );
  };

  const recordName = `${staged.distInfo}/RECORD`;
  const distName = staged.distInfo.slice(0, staged.distInfo.indexOf('-'));
  for (const f of staged.files) {
    if (f.name === recordName || f.name === `${staged.distInfo}/INSTALLER`) continue;
    const source = path.join(staged.dir, f.name);
    if (!f.name.startsWith(`${staged.dataDir}/`)) {
      add(path.posix.join(site, f.name), source, f.mode, f.sha256, f.size);
      continue;
    }
    const rest = f.name.slice(staged.dataDir.length + 1);
    const slash = rest.indexOf('/');
    const scheme = rest.slice(0, slash);
    const inner = rest.slice(slash + 1);
    switch (scheme) {
      case 'purelib':
      case 'platlib':
        add(path.posix.join(site, inner), source, f.mode, f.sha256, f.size);
        break;
      case 'scripts': {
        const content = await fs.readFile(source);
        // PEP 427: "If the file starts with #!python, rewrite to point to the correct interpreter."
        const m = /^#!python(w)?(?=\s)/.exec(content.subarray(0, 16).toString('latin1'));
        if (m) {
          const rewritten = Buffer.concat([
            Buffer.from(`#!${target.interpreter}`),
            content.subarray(m[0].length),
          ]);
          await generated(path.posix.join(bin, inner), rewritten, 0o755);
        } else add(path.posix.join(bin, inner), source, f.mode, f.sha256, f.size);
        break;
      }
      case 'headers':
        add(
          path.posix.join(target.prefix, 'include', `python${target.version}`, distName, inner),
          source,
          f.mode,
          f.sha256,
          f.size,
        );
        break;
      case 'data':
        add(path.posix.join(target.prefix, inner), source, f.mode, f.sha256, f.size);
        break;
      default:
        throw bad(
          pkg,
          `holds ${f.name}, in the unknown install scheme "${scheme}" (PEP 427 knows purelib, platlib, headers, scripts, data)`,
        );
    }
  }

  const entryPoints = staged.files.find((f) => f.name === `${staged.distInfo}/entry_points.txt`);
  if (entryPoints) {
    const text = await fs.readFile(path.join(staged.dir, entryPoints.name), 'utf8');
    for (const [name, reference] of consoleScripts(text)) {
      await generated(
        path.posix.join(bin, name),
        Buffer.from(launcher(target.interpreter, reference, name, pkg)),
        0o755,
      );
    }
  }
  await generated(
    path.posix.join(site, staged.distInfo, 'INSTALLER'),
    Buffer.from('slipway\n'),
    0o644,
  );

  const recordPath = path.posix.join(site, recordName);
  const lines = record
    .sort((a, b) => cmp(a[0], b[0]))
    .map((r) => r.map(csvCell).join(','))
    .concat(`${csvCell(relToSite(recordPath))},,`);
  const recordContent = Buffer.from(`${lines.join('\n')}\n`);
  out.push({
    path: recordPath,
    source: await storeGenerated(stageDir, recordContent),
    mode: 0o644,
    uid: 0,
    gid: 0,
  });
  return out.sort((a, b) => cmp(a.path, b.path));
}

/** [name, "module:attr"] of the console_scripts and gui_scripts sections, in file order. */
function consoleScripts(text: string): [string, string][] {
  const out: [string, string][] = [];
  let section = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1].trim();
      continue;
    }
    if (section !== 'console_scripts' && section !== 'gui_scripts') continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    // "module:attr [extra]": the extras part does not change the script.
    out.push([
      line.slice(0, eq).trim(),
      line
        .slice(eq + 1)
        .replace(/\[.*\]\s*$/, '')
        .trim(),
    ]);
  }
  return out;
}

/** The launcher pip 23 writes (pip/_internal/operations/install/wheel.py, via distlib). */
function launcher(
  interpreter: string,
  reference: string,
  name: string,
  pkg: { name: string; version: string; filename: string },
): string {
  const m = /^([\w.]+)\s*:\s*([\w.]+)$/.exec(reference);
  if (!m)
    throw bad(pkg, `declares the script ${name} = "${reference}", which is not module:function`);
  const [, module, attr] = m;
  const importName = attr.split('.')[0];
  return [
    `#!${interpreter}`,
    '# -*- coding: utf-8 -*-',
    'import re',
    'import sys',
    `from ${module} import ${importName}`,
    "if __name__ == '__main__':",
    "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])",
    `    sys.exit(${attr}())`,
    '',
  ].join('\n');
}

/** Content-addressed: the same bytes always get the same source path. */
async function storeGenerated(stageDir: string, content: Buffer): Promise<string> {
  const hex = createHash('sha256').update(content).digest('hex');
  const file = path.join(stageDir, 'generated', hex);
  if (existsSync(file)) {
    touchCacheEntry(file);
    return file;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${randomBytes(6).toString('hex')}.part`;
  await fs.writeFile(partial, content);
  await fs.rename(partial, file);
  return file;
}
