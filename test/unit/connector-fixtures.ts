import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yazl from 'yazl';

/** Zip, NAR, JAR, wheel and ELF fixtures for the connector tests, made in memory with yazl. */

export type ZipContent = Record<string, string | Buffer>;

export function zipBuffer(entries: ZipContent): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name, { mtime: new Date(0) });
    else zip.addBuffer(Buffer.from(content), name, { mtime: new Date(0) });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

export async function writeZip(path: string, entries: ZipContent): Promise<string> {
  writeFileSync(path, await zipBuffer(entries));
  return path;
}

/** A class file stand-in: inspection only checks that the entry exists. */
export const CLASS = Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 61]);

export function classPath(className: string): string {
  return `${className.replace(/\./g, '/')}.class`;
}

export interface NarOptions {
  /** pulsar-io.yaml text; undefined leaves it out. */
  ioYaml?: string;
  /** Classes in the NAR root. */
  rootClasses?: string[];
  /** jar name → classes inside it, under META-INF/bundled-dependencies/. */
  bundled?: Record<string, string[]>;
  manifest?: Record<string, string>;
}

export async function narEntries(opts: NarOptions): Promise<ZipContent> {
  const entries: ZipContent = {};
  const manifest = { 'Manifest-Version': '1.0', ...(opts.manifest ?? {}) };
  entries['META-INF/MANIFEST.MF'] =
    Object.entries(manifest)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n') + '\r\n\r\n';
  if (opts.ioYaml !== undefined) entries['META-INF/services/pulsar-io.yaml'] = opts.ioYaml;
  for (const c of opts.rootClasses ?? []) entries[classPath(c)] = CLASS;
  // nifi-nar-maven-plugin writes directory entries; Pulsar needs this one to load a NAR as a NAR.
  if (opts.bundled) entries['META-INF/bundled-dependencies/'] = '';
  for (const [jar, classes] of Object.entries(opts.bundled ?? {})) {
    const inner: ZipContent = {};
    for (const c of classes) inner[classPath(c)] = CLASS;
    entries[`META-INF/bundled-dependencies/${jar}`] = await zipBuffer(inner);
  }
  return entries;
}

export function tempDir(prefix = 'slipway-conn-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The first 64 bytes of an ELF executable for a machine (e_machine), little endian unless told. */
export function elfHeader(
  machine: number,
  opts: { bits?: 32 | 64; bigEndian?: boolean; osabi?: number; type?: number } = {},
): Buffer {
  const b = Buffer.alloc(64);
  b.set([0x7f, 0x45, 0x4c, 0x46]);
  b[4] = opts.bits === 32 ? 1 : 2;
  b[5] = opts.bigEndian ? 2 : 1;
  b[6] = 1; // EI_VERSION
  b[7] = opts.osabi ?? 0;
  const type = opts.type ?? 2;
  if (opts.bigEndian) {
    b.writeUInt16BE(type, 16);
    b.writeUInt16BE(machine, 18);
  } else {
    b.writeUInt16LE(type, 16);
    b.writeUInt16LE(machine, 18);
  }
  return b;
}

/**
 * Rewrites an entry name in place (local header and central directory), to make names yazl
 * refuses to write, such as zip-slip paths. The new name must have the same length.
 */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('same length only');
  const out = Buffer.from(zip);
  const needle = Buffer.from(from);
  let at = out.indexOf(needle);
  while (at !== -1) {
    out.write(to, at);
    at = out.indexOf(needle, at + 1);
  }
  return out;
}

/** Sets the declared uncompressed size of every entry named `name` in the central directory. */
export function forgeDeclaredSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  for (
    let i = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    i !== -1;
    i = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)
  ) {
    const nameLength = out.readUInt16LE(i + 28);
    if (out.toString('utf8', i + 46, i + 46 + nameLength) === name) out.writeUInt32LE(size, i + 24);
  }
  return out;
}
