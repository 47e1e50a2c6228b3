import * as core from '@actions/core';
import { readInputs } from '../../core/inputs';
import { LineLogger } from '../../core/log';
import { runMode } from '../../run';
import { SlipwayError, errorMessage } from '../../core/errors';
import { secrets } from '../../core/secrets';
import { outputStrings } from '../report';
import { renderSummary, summaryEnabled } from './summary';

/**
 * Log lines go to the workflow log; @actions/core masks every registered secret there too.
 * Warnings and debug lines use the workflow's own annotations instead of a text prefix.
 */
class ActionLogger extends LineLogger {
  constructor() {
    super((line) => core.info(line));
  }
  override warn(message: string): void {
    core.warning(secrets.redact(message));
  }
  override debug(message: string): void {
    core.debug(secrets.redact(message));
  }
}

async function oidcToken(audience: string): Promise<string | undefined> {
  // Present only when the workflow grants `id-token: write`.
  if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL) return undefined;
  const token = await core.getIDToken(audience);
  secrets.add(token);
  return token;
}

export async function run(): Promise<void> {
  secrets.onAdd((value) => core.setSecret(value));
  try {
    // Untrimmed: readInputs trims, and a trailing line break says "one value per line".
    const inputs = readInputs((name) => core.getInput(name, { trimWhitespace: false }));
    const result = await runMode(inputs, {
      env: process.env,
      logger: new ActionLogger(),
      ciOidcToken: oidcToken,
    });
    for (const [name, value] of Object.entries(outputStrings(result.outputs))) {
      core.setOutput(name, value);
    }
    if (summaryEnabled(process.env) && process.env.GITHUB_STEP_SUMMARY) {
      await core.summary.addRaw(renderSummary(result, inputs)).write();
    }
  } catch (err) {
    const message = secrets.redact(errorMessage(err));
    if (err instanceof SlipwayError && err.location) {
      core.error(message, { file: err.location.file, startLine: err.location.line });
    }
    core.setFailed(message);
  }
}
