import { basename, dirname, extname, posix } from 'node:path';
import { InputError } from '../../core/errors';
import type { ImagePlan } from '../plan';
import type { InspectedArtifact } from '../types';
import { baseImage, directoryChain, targetDirectory } from '../common';
import type { PlanInputs, PlanOptions } from '../common';
import { pythonDependencies } from '../python';
import { PULSAR_HOME, RUNNER_DIR_MODE, RUNNER_OWNER, runnerImage } from '../pulsar/plan';

/**
 * Pulsar Functions for Function Mesh: the artifact goes to /pulsar/<file> (where the Function
 * Mesh samples point `jar:`, `py:` and `go:`, and where resource.ts points `python.py`) on the
 * runner of its language.
 *
 * A Python function file with a lock beside it (poetry.lock, pylock.toml or requirements.txt,
 * in the file's folder or the function folder given as artifact) gets its dependencies installed
 * natively where the runner's interpreter imports them (ImagePlan.python). Which Python that is
 * is read from the runner image at build time, not assumed: streamnative's
 * pulsar-functions-python-runner (function-mesh images/pulsar-functions-python-runner) is
 * Ubuntu's system python3 (/usr/bin/python3; 3.10 on the 22.04 runner base), whose site module
 * reads /usr/local/lib/python3.X/dist-packages first, the folder `pip install` as root fills; the
 * newer Alpine runners (python:3.12-alpine) are /usr/local/bin/python3 with
 * /usr/local/lib/python3.12/site-packages and musl wheels. The files are 0:0 and world-readable,
 * so the runner's uid 10000 imports them. A .zip or .whl function carries its own dependencies
 * (Pulsar's instance installs them) and gets none here.
 */

function languageOf(info: InspectedArtifact): 'java' | 'python' | 'go' {
  switch (info.format) {
    case 'go':
      return 'go';
    case 'python':
      return 'python';
    case 'jar':
    case 'uber-jar':
    case 'nar':
    case 'file':
      return 'java';
    default:
      throw new InputError(
        `${info.label} is a ${info.format} artifact, which is not a Pulsar Function; a function is a Java JAR/NAR, a Python .py/.zip/.whl or a Go binary.`,
      );
  }
}

export async function planFunction(
  inputs: PlanInputs,
  info: InspectedArtifact,
  opts: PlanOptions,
): Promise<ImagePlan> {
  const language = languageOf(info);
  const dir = targetDirectory(inputs, PULSAR_HOME);
  const python =
    language === 'python' && extname(info.path).toLowerCase() === '.py'
      ? await pythonDependencies(dirname(info.path), {
          workingDirectory: opts.workingDirectory ?? process.cwd(),
          env: opts.env ?? process.env,
          requireLock: inputs['require-lock'],
          outputDir: opts.outputDir,
          logger: opts.logger,
          unlockedProject: 'ignore',
        })
      : undefined;
  return {
    ...baseImage(
      inputs,
      runnerImage(language, inputs['pulsar-version']),
      `the default ${language} runner of pulsar-function for pulsar-version ${inputs['pulsar-version']}`,
    ),
    files: [
      {
        path: posix.join(dir, basename(info.path)),
        source: info.path,
        // The Go runner executes the binary itself; everything else is read by a runtime.
        mode: language === 'go' ? 0o755 : 0o644,
        ...RUNNER_OWNER,
      },
    ],
    directories: directoryChain(dir, PULSAR_HOME, RUNNER_OWNER, RUNNER_DIR_MODE),
    env: {},
    labels: {},
    run: [],
    platforms: info.platform ? [info.platform] : undefined,
    python,
  };
}
