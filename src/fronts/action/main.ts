import { resolve } from 'node:path';
import * as core from '@actions/core';
import { readInputs } from '../../core/inputs';
import type { Inputs } from '../../core/inputs';
import { LineLogger } from '../../core/log';
import type { ProgressEvent } from '../../core/log';
import { runMode } from '../../run';
import { TransferLines } from '../cli/progress';
import { SlipwayError, errorMessage } from '../../core/errors';
import { secrets } from '../../core/secrets';
import { outputStrings } from '../report';
import { renderSummary, summaryEnabled } from './summary';

/** For the entry (src/index.ts), which loads this module and @actions/core only after it starts. */
export { setFailed } from '@actions/core';

/**
 * Log lines go to the workflow log; @actions/core masks every registered secret there too.
 * Warnings and debug lines use the workflow's own annotations instead of a text prefix.
 */
class ActionLogger extends LineLogger {
  private readonly transfers = new TransferLines((line) => core.info(line));
  private grouped = false;

  constructor() {
    super((line) => core.info(line));
  }
  override progress(event: ProgressEvent): void {
    if (this.transfers.update(event)) return;
    super.progress(event);
  }
  /** Each phase in a collapsible group of the workflow log; GitHub's groups do not nest. */
  override section(title: string): () => void {
    if (this.grouped) return () => undefined;
    this.grouped = true;
    core.startGroup(title);
    return () => {
      core.endGroup();
      this.grouped = false;
    };
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
    if (inputs.mode === 'discover') {
      await discover(inputs);
      return;
    }
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

/** `mode: discover`: the matrix outputs of the selected projects and a job summary listing them. */
async function discover(inputs: Inputs): Promise<void> {
  // The repository scan (Maven's pom.xml parser, Gradle's settings) loads only in this mode.
  const { discoverOutputs, selectProjects } = await import('../../run/many');
  const { describeReason } = await import('../../connectors/projects');
  const selections = await selectProjects(resolve(inputs['working-directory']), {
    changedSince: inputs['changed-since'] || undefined,
  });
  for (const [name, value] of Object.entries(discoverOutputs(selections))) {
    core.setOutput(name, value);
  }
  core.info(`discover: ${selections.length} project(s) selected`);
  for (const s of selections) {
    core.info(
      `  ${s.project.name} (${s.project.workingDirectory}): ${s.reasons.map(describeReason).join('; ')}`,
    );
  }
  if (summaryEnabled(process.env) && process.env.GITHUB_STEP_SUMMARY) {
    await core.summary
      .addHeading('Slipway: projects to build', 3)
      .addTable([
        [
          { data: 'project', header: true },
          { data: 'image', header: true },
          { data: 'why', header: true },
        ],
        ...selections.map((s) => [
          s.project.name,
          s.project.image,
          s.reasons.map(describeReason).join('; '),
        ]),
      ])
      .write();
  }
}
