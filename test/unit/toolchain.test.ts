import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryLogger } from '../../src/core/log';
import { runBuild } from '../../src/toolchain';
import { BuildError } from '../../src/toolchain/process';

describe('a build tool the job image lacks', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-toolchain-'));
    writeFileSync(join(dir, 'pom.xml'), '<project/>');
    writeFileSync(join(dir, 'build.gradle'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      'maven' as const,
      /^mvn was not found on PATH; the job image has no Maven \(mvn\)\. Build in a job/,
      'maven:3-eclipse-temurin-17',
      'target/',
    ],
    [
      'gradle' as const,
      /^gradle was not found on PATH; the job image has no Gradle/,
      'gradle:8-jdk17',
      'build/libs/',
    ],
  ])(
    '%s: the error shows the two-job pattern as a snippet',
    async (build, start, image, output) => {
      // A GitLab job whose image lacks the tool, as the component's (Node.js and Slipway only).
      const run = runBuild({ build, 'build-args': [] }, dir, new MemoryLogger(), {
        PATH: '/nonexistent',
        GITLAB_CI: 'true',
      });
      await expect(run).rejects.toThrow(BuildError);
      const message = await run.then(
        () => '',
        (err: Error) => err.message,
      );
      expect(message).toMatch(start);
      expect(message).toContain(`  build:\n    image: ${image}\n`);
      expect(message).toContain(`    artifacts: { paths: [${output}] }\n`);
      expect(message).toContain(
        '  slipway:  # the job the Slipway component adds\n    needs: [build]\n',
      );
      expect(message).toMatch(/with the component input build: none .*\.$/);
    },
  );
});
