import { posix } from 'node:path';
import { fileText, joinRelative } from './walk';

/**
 * Gradle subprojects, best effort: a Gradle build is a program, so without running Gradle only
 * the common literal forms are read. Hand-written because no library parses Groovy/Kotlin DSL:
 *   settings: include 'a', ':b:c'   include("a", "b:c")   (a custom projectDir is not followed)
 *   builds:   project(':lib')   projects.lib   (dependencies between subprojects)
 */

export interface GradleSubproject {
  /** Folder relative to the repository root. */
  dir: string;
  /** The Gradle path, `:b:c`. */
  path: string;
  /** Folders of the subprojects of the same build it references. */
  dependsOn: string[];
  /** Build files of the including build (settings and root build), inherited like parent POMs. */
  buildFiles: string[];
  buildScript: string;
}

const SETTINGS_FILES = ['settings.gradle', 'settings.gradle.kts'];
const BUILD_FILES = ['build.gradle', 'build.gradle.kts'];

/** `:b:c` or `b:c` → `b/c` under the settings folder. */
function folderOf(settingsDir: string, gradlePath: string): string {
  return joinRelative(settingsDir, gradlePath.replace(/^:/, '').split(':').join('/'));
}

/** The quoted arguments of every `include` statement. */
export function includedPaths(settings: string): string[] {
  const withoutComments = settings.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
  const paths: string[] = [];
  for (const statement of withoutComments.matchAll(/\binclude\s*\(?([^\n)]*)/g)) {
    for (const quoted of statement[1].matchAll(/["']([^"']+)["']/g)) paths.push(quoted[1]);
  }
  return paths;
}

/** Subprojects of every settings file found by the walk (`settingsFiles` relative to the root). */
export async function readGradleSubprojects(
  root: string,
  settingsFiles: string[],
): Promise<GradleSubproject[]> {
  const found: GradleSubproject[] = [];
  for (const settingsFile of settingsFiles) {
    const settings = await fileText(root, settingsFile);
    if (settings === undefined) continue;
    const settingsDir = posix.dirname(settingsFile);
    const buildFiles = [settingsFile];
    for (const name of BUILD_FILES) {
      const rootBuild = joinRelative(settingsDir, name);
      if ((await fileText(root, rootBuild)) !== undefined) buildFiles.push(rootBuild);
    }
    const gradlePaths = [...new Set(includedPaths(settings))];
    const dirByPath = new Map(
      gradlePaths.map((p) => [`:${p.replace(/^:/, '')}`, folderOf(settingsDir, p)]),
    );
    // `projects.lib.core` (type-safe accessors) names `:lib:core` in kebab-free camel case.
    const byAccessor = new Map(
      [...dirByPath.keys()].map((p) => [
        p
          .slice(1)
          .split(':')
          .map((part) => part.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()))
          .join('.'),
        p,
      ]),
    );
    for (const [gradlePath, dir] of dirByPath) {
      let buildScript = '';
      for (const name of BUILD_FILES)
        buildScript ||= (await fileText(root, joinRelative(dir, name))) ?? '';
      const refs = new Set<string>();
      for (const m of buildScript.matchAll(/project\s*\(\s*["'](:?[^"']+)["']/g)) {
        refs.add(`:${m[1].replace(/^:/, '')}`);
      }
      for (const m of buildScript.matchAll(/\bprojects\.([\w.]+)/g)) {
        const target = byAccessor.get(m[1]);
        if (target) refs.add(target);
      }
      const dependsOn = [...refs]
        .map((r) => dirByPath.get(r))
        .filter((d): d is string => d !== undefined && d !== dir)
        .sort();
      found.push({ dir, path: gradlePath, dependsOn, buildFiles, buildScript });
    }
  }
  return found;
}

export function isSettingsFile(name: string): boolean {
  return SETTINGS_FILES.includes(name);
}
