import { InputError } from '../../core/errors';
import { BUNDLED_DEPENDENCIES, classEntry } from './java';
import { MAX_NESTED_ARCHIVE_BYTES, openZipBuffer } from './zip';
import type { ZipArchive } from './zip';

/**
 * The class path Pulsar builds for a connector or function archive, ported from Pulsar 4.0
 * (apache/pulsar branch-4.0):
 *
 * - `FileUtils.mayBeANarArchive` (pulsar-common): the runtime (`ThreadRuntime.loadJars`) loads a
 *   file as a NAR only when `ZipFile.getEntry("META-INF/bundled-dependencies")` finds a directory.
 *   The JDK also tries the name with a trailing slash, so this is the explicit directory entry
 *   `META-INF/bundled-dependencies/`; jars under that folder without the entry do not count, and
 *   the file is then loaded as a plain JAR (its root only). The extension does not matter.
 * - `NarClassLoader.getClassPathEntries`: the unpacked root, then the folder
 *   `META-INF/bundled-dependencies` itself (loose classes), then its direct children whose
 *   lower-cased name ends with `.jar`, sorted by name. The first match wins.
 * - The NAR class loader delegates to its parent first, so the runtime's own types (the JDK,
 *   pulsar-io-core, pulsar-functions-api) win over bundled copies: see PULSAR_RUNTIME_TYPES.
 */

/** The directory entry FileUtils.mayBeANarArchive looks for. */
export const BUNDLED_DIRECTORY_ENTRY = BUNDLED_DEPENDENCIES;

/** Class files bigger than this are not read (the biggest real ones are a few hundred KiB). */
const MAX_CLASS_FILE_BYTES = 8 * 1024 * 1024;
/** Nested jars kept open (inflated in memory) at once. */
const MAX_OPEN_JAR_BYTES = 192 * 1024 * 1024;

export function mayBeANarArchive(zip: ZipArchive): boolean {
  const entry = zip.entries.get(BUNDLED_DIRECTORY_ENTRY);
  return entry !== undefined && entry.fileName.endsWith('/');
}

/** NarClassLoader's JAR_FILTER on the unpacked folder: direct children named *.jar (any case). */
export function narClassPathJars(zip: ZipArchive): string[] {
  return [...zip.entries.keys()]
    .filter((name) => name.startsWith(BUNDLED_DEPENDENCIES) && !name.endsWith('/'))
    .filter((name) => !name.slice(BUNDLED_DEPENDENCIES.length).includes('/'))
    .filter((name) => name.toLowerCase().endsWith('.jar'))
    .sort();
}

export interface FoundClass {
  bytes: Buffer;
  /** e.g. `x.nar!/com/example/A.class` or `x.nar!/META-INF/bundled-dependencies/a.jar!/com/example/A.class` */
  where: string;
  /** The bundled jar that holds it, when not in the archive itself. */
  jar?: string;
}

/** Looks classes up in the order Pulsar's class loader does; `close()` releases nested jars. */
export class ArchiveClassPath {
  /** Bundled jars too big or broken to look into. */
  readonly unreadable: string[] = [];
  private readonly jarNames = new Map<string, ReadonlySet<string>>();
  /** Open nested jars, least recently used first, and the bytes they hold in memory. */
  private readonly openJars = new Map<string, { archive: ZipArchive; size: number }>();
  private openBytes = 0;

  private constructor(
    readonly zip: ZipArchive,
    /** True when Pulsar loads the archive as a NAR (mayBeANarArchive). */
    readonly asNar: boolean,
    readonly jars: readonly string[],
  ) {}

  static of(zip: ZipArchive): ArchiveClassPath {
    const asNar = mayBeANarArchive(zip);
    return new ArchiveClassPath(zip, asNar, asNar ? narClassPathJars(zip) : []);
  }

  /** The class file for a binary name, or undefined when the class path does not hold it. */
  async find(className: string): Promise<FoundClass | undefined> {
    const entry = classEntry(className);
    const label = this.zip.label;
    if (this.zip.has(entry)) {
      return {
        bytes: await this.zip.read(entry, MAX_CLASS_FILE_BYTES),
        where: `${label}!/${entry}`,
      };
    }
    if (!this.asNar) return undefined;
    const loose = `${BUNDLED_DEPENDENCIES}${entry}`;
    if (this.zip.has(loose)) {
      return {
        bytes: await this.zip.read(loose, MAX_CLASS_FILE_BYTES),
        where: `${label}!/${loose}`,
      };
    }
    for (const jar of this.jars) {
      const names = await this.namesOf(jar);
      if (!names?.has(entry)) continue;
      const archive = await this.open(jar);
      if (!archive) continue;
      return {
        bytes: await archive.read(entry, MAX_CLASS_FILE_BYTES),
        where: `${archive.label}!/${entry}`,
        jar,
      };
    }
    return undefined;
  }

  /** Every class on the class path (binary names, nested classes left out), in class path order. */
  async classNames(): Promise<string[]> {
    const out = new Set<string>();
    const add = (names: Iterable<string>, prefix = ''): void => {
      for (const name of names) {
        if (!name.startsWith(prefix) || !name.endsWith('.class') || name.includes('$')) continue;
        const rest = name.slice(prefix.length);
        if (rest.startsWith('META-INF/') || rest === 'module-info.class') continue;
        out.add(rest.slice(0, -'.class'.length).replace(/\//g, '.'));
      }
    };
    add(this.zip.entries.keys());
    if (this.asNar) {
      add(this.zip.entries.keys(), BUNDLED_DEPENDENCIES);
      for (const jar of this.jars) add((await this.namesOf(jar)) ?? []);
    }
    return [...out];
  }

  close(): void {
    for (const { archive } of this.openJars.values()) archive.close();
    this.openJars.clear();
    this.openBytes = 0;
  }

  private async namesOf(jar: string): Promise<ReadonlySet<string> | undefined> {
    const known = this.jarNames.get(jar);
    if (known) return known;
    const archive = await this.open(jar);
    if (!archive) return undefined;
    const names = new Set(archive.entries.keys());
    this.jarNames.set(jar, names);
    return names;
  }

  /**
   * Keeps recently used nested jars open up to MAX_OPEN_JAR_BYTES: a NAR's jars together can be
   * hundreds of MiB, and a hierarchy often goes back and forth between two or three of them.
   */
  private async open(jar: string): Promise<ZipArchive | undefined> {
    const cached = this.openJars.get(jar);
    if (cached) {
      this.openJars.delete(jar);
      this.openJars.set(jar, cached);
      return cached.archive;
    }
    if (this.unreadable.includes(jar)) return undefined;
    const entry = this.zip.entries.get(jar);
    if (!entry || entry.uncompressedSize > MAX_NESTED_ARCHIVE_BYTES) {
      this.unreadable.push(jar);
      return undefined;
    }
    try {
      const bytes = await this.zip.read(jar, MAX_NESTED_ARCHIVE_BYTES);
      const archive = await openZipBuffer(bytes, `${this.zip.label}!/${jar}`);
      for (const [name, open] of this.openJars) {
        if (this.openBytes + bytes.length <= MAX_OPEN_JAR_BYTES) break;
        open.archive.close();
        this.openJars.delete(name);
        this.openBytes -= open.size;
      }
      this.openJars.set(jar, { archive, size: bytes.length });
      this.openBytes += bytes.length;
      return archive;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      this.unreadable.push(jar);
      return undefined;
    }
  }
}
