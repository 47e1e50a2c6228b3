import { basename, posix } from 'node:path';
import { InputError } from '../../core/errors';
import type { ImagePlan } from '../plan';
import type { InspectedArtifact } from '../types';
import { baseImage, directoryChain, targetDirectory } from '../common';
import type { PlanInputs } from '../common';

/**
 * Pulsar IO connectors (NAR or uber JAR) on the Function Mesh Java runner. The runner images
 * create /pulsar and /pulsar/connectors as 10000:10001 with `chmod g=u` (0775) and run as that
 * user with no ENTRYPOINT (the operator runs `bash -c ...`): the plan keeps all of that.
 */

export const RUNNER_OWNER = { uid: 10000, gid: 10001 } as const;
export const RUNNER_DIR_MODE = 0o775;
export const PULSAR_HOME = '/pulsar';
export const CONNECTORS_DIR = '/pulsar/connectors';

export function runnerImage(language: 'java' | 'python' | 'go', pulsarVersion: string): string {
  return `streamnative/pulsar-functions-${language}-runner:${pulsarVersion}`;
}

export function planPulsarConnector(inputs: PlanInputs, info: InspectedArtifact): ImagePlan {
  if (info.connectorType !== 'pulsar-source' && info.connectorType !== 'pulsar-sink') {
    throw new InputError(`${info.label} is not a Pulsar source or sink.`);
  }
  if (info.format !== 'nar' && info.format !== 'uber-jar') {
    throw new InputError(
      `${info.label} is a ${info.format} artifact; a Pulsar connector is a NAR or an uber JAR (set artifact to the built archive).`,
    );
  }
  const dir = targetDirectory(inputs, CONNECTORS_DIR);
  return {
    ...baseImage(
      inputs,
      runnerImage('java', inputs['pulsar-version']),
      `the default runner of ${info.connectorType} for pulsar-version ${inputs['pulsar-version']}`,
    ),
    files: [
      {
        path: posix.join(dir, basename(info.path)),
        source: info.path,
        mode: 0o644,
        ...RUNNER_OWNER,
      },
    ],
    directories: directoryChain(dir, PULSAR_HOME, RUNNER_OWNER, RUNNER_DIR_MODE),
    env: {},
    labels: {},
    run: [],
  };
}
