import * as core from '@actions/core';

export async function run(): Promise<void> {
  core.setFailed('slipway: the GitHub Action front is not wired yet');
  return Promise.resolve();
}
