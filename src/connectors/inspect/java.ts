import { InputError } from '../../core/errors';
import type { ZipArchive } from './zip';

/** What Java archives say about themselves: the manifest, Maven's pom.properties, their classes. */

export const MANIFEST_ENTRY = 'META-INF/MANIFEST.MF';
export const BUNDLED_DEPENDENCIES = 'META-INF/bundled-dependencies/';

/**
 * Main section of a JAR manifest (up to the first blank line). Continuation lines start with one
 * space, as the JAR specification says; the format is too small to justify a library.
 */
export function parseManifest(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let last: string | undefined;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') break;
    if (line.startsWith(' ') && last !== undefined) {
      out[last] += line.slice(1);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim();
    out[last] = line.slice(colon + 1).trim();
  }
  return out;
}

/** Java .properties as Maven writes pom.properties: key=value, # comments, no multi-line values. */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (!match) continue;
    out[match[1].replace(/\\(.)/g, '$1')] = match[2].replace(/\\(.)/g, '$1');
  }
  return out;
}

const CLASS_NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

export function isClassName(value: string): boolean {
  return CLASS_NAME.test(value);
}

/** `com.example.MySink` → `com/example/MySink.class` */
export function classEntry(className: string): string {
  return `${className.replace(/\./g, '/')}.class`;
}

/** Where a class was found: the archive root or one bundled jar (its entry name). */
export type ClassLocation = { in: 'root' } | { in: 'bundled'; jar: string };

export function bundledJars(zip: ZipArchive): string[] {
  return (
    [...zip.entries.keys()]
      // NarClassLoader's JAR_FILTER lower-cases the name: `LIB.JAR` is on the class path too.
      .filter(
        (name) => name.startsWith(BUNDLED_DEPENDENCIES) && name.toLowerCase().endsWith('.jar'),
      )
      .filter((name) => !name.slice(BUNDLED_DEPENDENCIES.length).includes('/'))
      .sort()
  );
}

export interface ClassSearch {
  /** Found classes by name. */
  found: Map<string, ClassLocation>;
  /** Bundled jars that were too big or broken to look into. */
  unreadable: string[];
}

/**
 * Looks for classes in the root of an archive and, for those still missing, in the jars under
 * META-INF/bundled-dependencies/ (the NAR layout). A bundled jar is inflated into memory, up to
 * MAX_NESTED_ARCHIVE_BYTES (64 MiB), to read its central directory; bigger ones are reported.
 */
export async function findClasses(zip: ZipArchive, classNames: string[]): Promise<ClassSearch> {
  const found = new Map<string, ClassLocation>();
  const unreadable: string[] = [];
  // The bundled folder itself is on the NAR class path too (loose classes), after the root.
  let missing = classNames.filter((name) => {
    if (zip.has(classEntry(name))) found.set(name, { in: 'root' });
    else if (zip.has(BUNDLED_DEPENDENCIES + classEntry(name))) found.set(name, { in: 'root' });
    return !found.has(name);
  });
  for (const jar of bundledJars(zip)) {
    if (missing.length === 0) break;
    try {
      const inner = await zip.nested(jar);
      if (!inner) {
        unreadable.push(jar);
        continue;
      }
      missing = missing.filter((name) => {
        if (inner.has(classEntry(name))) found.set(name, { in: 'bundled', jar });
        return !found.has(name);
      });
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      unreadable.push(jar);
    }
  }
  return { found, unreadable };
}

/** Classes whose simple name ends with `suffix` (e.g. "Sink"), for suggestions in error messages. */
export function classesNamed(zip: ZipArchive, suffix: string): string[] {
  return [...zip.entries.keys()]
    .filter((name) => name.endsWith(`${suffix}.class`) && !name.includes('$'))
    .filter((name) => !name.startsWith('META-INF/'))
    .map((name) => name.slice(0, -'.class'.length).replace(/\//g, '.'))
    .sort();
}

/**
 * classesNamed in the archive root, else in its bundled jars: a NAR built by
 * nifi-nar-maven-plugin keeps every class there. Jars too big or broken to read are skipped.
 */
export async function classesNamedDeep(zip: ZipArchive, suffix: string): Promise<string[]> {
  const own = classesNamed(zip, suffix);
  if (own.length > 0) return own;
  for (const jar of bundledJars(zip)) {
    try {
      const inner = await zip.nested(jar);
      const found = inner ? classesNamed(inner, suffix) : [];
      if (found.length > 0) return found;
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
    }
  }
  return [];
}

export interface MavenCoordinates {
  groupId?: string;
  artifactId?: string;
  version?: string;
}

/**
 * The Maven coordinates of the archive itself: the pom.properties whose artifactId the file name
 * starts with, else the only one (a shaded jar carries one per shaded dependency).
 */
export async function ownCoordinates(
  zip: ZipArchive,
  fileName: string,
): Promise<MavenCoordinates | undefined> {
  const poms = [...zip.entries.keys()].filter(
    (name) => name.startsWith('META-INF/maven/') && name.endsWith('/pom.properties'),
  );
  const byName = poms.filter((name) => {
    const artifactId = name.split('/')[3];
    return artifactId !== undefined && fileName.startsWith(`${artifactId}-`);
  });
  const chosen = byName.length >= 1 ? byName[0] : poms.length === 1 ? poms[0] : undefined;
  if (!chosen) return undefined;
  const props = parseProperties(await zip.readText(chosen));
  return { groupId: props.groupId, artifactId: props.artifactId, version: props.version };
}
