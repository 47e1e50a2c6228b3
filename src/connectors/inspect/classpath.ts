import { InputError } from '../../core/errors';
import { BUNDLED_DEPENDENCIES, classEntry } from './java';
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

/** Looks classes up in the order Pulsar's class loader does. */
export class ArchiveClassPath {
  /** Bundled jars too big or broken to look into. */
  readonly unreadable: string[] = [];
  /** Entry names of the nested jars: kept when the archive closes a jar to make room. */
  private readonly jarNames = new Map<string, ReadonlySet<string>>();

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

  private async namesOf(jar: string): Promise<ReadonlySet<string> | undefined> {
    const known = this.jarNames.get(jar);
    if (known) return known;
    const archive = await this.open(jar);
    if (!archive) return undefined;
    const names = new Set(archive.entries.keys());
    this.jarNames.set(jar, names);
    return names;
  }

  /** The nested jar, opened by the archive (which keeps recent ones open for its other readers). */
  private async open(jar: string): Promise<ZipArchive | undefined> {
    if (this.unreadable.includes(jar)) return undefined;
    try {
      const archive = await this.zip.nested(jar);
      if (!archive) this.unreadable.push(jar);
      return archive;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      this.unreadable.push(jar);
      return undefined;
    }
  }
}
