import { access, constants, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Inputs } from '../core/inputs';
import { InputError } from '../core/errors';
import type { Logger } from '../core/log';

/** The project's own build, before Slipway looks for the artifact. */

export type BuildTool = 'maven' | 'gradle';

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return isFile(path);
  } catch {
    return false;
  }
}

const GRADLE_FILES = [
  'build.gradle',
  'build.gradle.kts',
  'settings.gradle',
  'settings.gradle.kts',
  'gradlew',
];

/** `build: auto`: Maven when pom.xml is there, Gradle when a Gradle build or wrapper is. */
export async function detectBuildTool(dir: string): Promise<BuildTool | undefined> {
  if (await isFile(join(dir, 'pom.xml'))) return 'maven';
  for (const name of GRADLE_FILES) if (await isFile(join(dir, name))) return 'gradle';
  return undefined;
}

/**
 * What to do when the job image lacks the build tool: build in a job of the tool's own image and
 * let Slipway package what it leaves (the GitLab component's job image holds only Node.js and
 * Slipway). On GitHub the runner can get the tool with a setup action instead.
 */
function twoJobHint(tool: string, image: string, script: string, output: string): string {
  return [
    `the job image has no ${tool}. Build in a job of your toolchain's image and package its output with Slipway in a second job (the two-job pattern), e.g. in .gitlab-ci.yml:`,
    `  build:`,
    `    image: ${image}`,
    `    script: ${script}`,
    `    artifacts: { paths: [${output}] }`,
    `  slipway:  # the job the Slipway component adds`,
    `    needs: [build]`,
    `with the component input build: none (on GitHub, a setup action before the Slipway step works too)`,
  ].join('\n');
}

export interface BuildCommand {
  command: string;
  args: string[];
  title: string;
  missingHint: string;
}

/** Where the run is: the fix for a missing tool differs between a workflow, a job and a shell. */
function where(env: NodeJS.ProcessEnv): 'github' | 'gitlab' | 'terminal' {
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.GITLAB_CI === 'true') return 'gitlab';
  return 'terminal';
}

/** How to get `tool` onto PATH, in the words of the CI the run is in. */
export function missingToolHint(tool: BuildTool, env: NodeJS.ProcessEnv = process.env): string {
  switch (where(env)) {
    case 'github':
      return tool === 'maven'
        ? 'add actions/setup-java (with cache: maven) before this step, or build in an earlier step and set build: none'
        : 'add actions/setup-java and gradle/actions/setup-gradle before this step, or add the Gradle wrapper (gradle wrapper), or set build: none';
    case 'gitlab':
      return tool === 'maven'
        ? twoJobHint('Maven (mvn)', 'maven:3-eclipse-temurin-17', 'mvn -B package', 'target/')
        : twoJobHint(
            'Gradle (gradle, and no ./gradlew in the project)',
            'gradle:8-jdk17',
            './gradlew build || gradle build',
            'build/libs/',
          );
    case 'terminal':
      return tool === 'maven'
        ? 'install Maven (apt-get install maven, brew install maven or sdk install maven) or set --build none'
        : 'add the Gradle wrapper (gradle wrapper) or install Gradle (brew install gradle or sdk install gradle), or set --build none';
  }
}

/** What runs for a tool: `mvn -B package …` or `./gradlew build …` (gradle when no wrapper). */
export async function buildCommand(
  tool: BuildTool,
  dir: string,
  buildArgs: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<BuildCommand> {
  if (tool === 'maven') {
    const args = ['-B', 'package', ...buildArgs];
    return {
      command: 'mvn',
      args,
      title: `mvn ${args.join(' ')}`,
      missingHint: missingToolHint('maven', env),
    };
  }
  const wrapper = join(dir, 'gradlew');
  const command = (await isExecutable(wrapper)) ? wrapper : 'gradle';
  // Plain console: progress bars are noise in CI logs.
  const args = ['build', '--console=plain', ...buildArgs];
  return {
    command,
    args,
    title: `${command === wrapper ? './gradlew' : 'gradle'} ${args.join(' ')}`,
    missingHint: missingToolHint('gradle', env),
  };
}

/**
 * Runs the build the `build` input asks for in `workingDirectory`, streaming its output to the
 * logger. A failed build throws BuildError (a RunError: exit 1) with the tool's exit code and
 * its last lines.
 */
export async function runBuild(
  inputs: Pick<Inputs, 'build' | 'build-args'>,
  workingDirectory: string,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const dir = resolve(workingDirectory);
  const mode = inputs.build;
  if (mode === 'none') return;
  let tool: BuildTool | undefined;
  if (mode === 'maven' || mode === 'gradle') {
    tool = mode;
    const marker = tool === 'maven' ? ['pom.xml'] : GRADLE_FILES;
    const found = await Promise.all(marker.map((m) => isFile(join(dir, m))));
    if (!found.some(Boolean)) {
      throw new InputError(
        `Input "build" is ${mode} but ${dir} has no ${marker.join(' or ')}; set working-directory to the project or build: none.`,
      );
    }
  } else {
    tool = await detectBuildTool(dir);
    if (!tool) {
      logger.debug(`no pom.xml or Gradle build in ${dir}: nothing to build`);
      return;
    }
  }
  const cmd = await buildCommand(tool, dir, inputs['build-args'], env);
  logger.info(`build: ${cmd.title}`);
  // The code that runs and watches a build tool loads only when a build runs (most runs package
  // an artifact that is already built).
  const { runTool } = await import('./process');
  await runTool({ ...cmd, cwd: dir, logger, env });
}
