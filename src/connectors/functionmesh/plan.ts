import { basename, posix } from 'node:path';
import { InputError } from '../../core/errors';
import type { ImagePlan } from '../plan';
import type { InspectedArtifact } from '../types';
import { baseImage, directoryChain, targetDirectory } from '../common';
import type { PlanInputs } from '../common';
import { PULSAR_HOME, RUNNER_DIR_MODE, RUNNER_OWNER, runnerImage } from '../pulsar/plan';

/**
 * Pulsar Functions for Function Mesh: the artifact goes to /pulsar/<file> (where the Function
 * Mesh samples point `jar:`, `py:` and `go:`) on the runner of its language.
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

export function planFunction(inputs: PlanInputs, info: InspectedArtifact): ImagePlan {
  const language = languageOf(info);
  const dir = targetDirectory(inputs, PULSAR_HOME);
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
  };
}
