import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import type { Project } from '../../src/connectors/projects';
import {
  GITHUB_MATRIX_LIMIT,
  MATRIX_KEYS,
  SUMMARY_JOB,
  gitHubMatrices,
  gitHubMatrixOutputs,
  gitLabChildPipeline,
  gitLabJobName,
} from '../../src/run/fanout';

function project(name: string, overrides: Partial<Project> = {}): Project {
  return {
    name,
    workingDirectory: `connectors/${name}`,
    connectorType: 'pulsar-sink',
    artifactFormat: 'nar',
    image: `reg.example.com/c/${name}`,
    source: 'maven',
    dependsOn: [],
    sharedFolders: [],
    parentPoms: [],
    inputs: {},
    ...overrides,
  };
}

describe('GitHub matrix', () => {
  test('entries hold the action input names, the same keys in every entry', () => {
    const [matrix] = gitHubMatrices([
      project('kafka'),
      project('jdbc', {
        connectorType: 'pulsar-source',
        artifactFormat: 'uber-jar',
        inputs: { 'class-name': 'a.JdbcSource', 'pulsar-version': '4.0.5' },
      }),
    ]);
    expect(matrix.include).toEqual([
      {
        name: 'kafka',
        'working-directory': 'connectors/kafka',
        'connector-type': 'pulsar-sink',
        'artifact-format': 'nar',
        image: 'reg.example.com/c/kafka',
        artifact: '',
        'class-name': '',
        'build-args': '',
        'pulsar-version': '',
      },
      {
        name: 'jdbc',
        'working-directory': 'connectors/jdbc',
        'connector-type': 'pulsar-source',
        'artifact-format': 'uber-jar',
        image: 'reg.example.com/c/jdbc',
        artifact: '',
        'class-name': 'a.JdbcSource',
        'build-args': '',
        'pulsar-version': '4.0.5',
      },
    ]);
    expect(Object.keys(matrix.include[0]).slice(0, MATRIX_KEYS.length)).toEqual([...MATRIX_KEYS]);
  });

  test('past 256 entries the projects are split over several matrices', () => {
    const many = Array.from({ length: 600 }, (_, i) => project(`c${i}`));
    const matrices = gitHubMatrices(many);
    expect(matrices.map((m) => m.include.length)).toEqual([
      GITHUB_MATRIX_LIMIT,
      GITHUB_MATRIX_LIMIT,
      88,
    ]);
    expect(matrices.flatMap((m) => m.include.map((e) => e.name))).toEqual(many.map((p) => p.name));
    const outputs = gitHubMatrixOutputs(matrices);
    expect(outputs.count).toBe('600');
    expect(outputs.matrices).toBe('3');
    expect((JSON.parse(outputs['matrix-3']) as { include: unknown[] }).include).toHaveLength(88);
    // A declared fourth build job finds an empty output and is skipped by its `if`.
    expect(outputs['matrix-4']).toBe('');
  });

  test('no project gives empty outputs, not an empty matrix GitHub would reject', () => {
    const outputs = gitHubMatrixOutputs(gitHubMatrices([]));
    expect(outputs).toMatchObject({ count: '0', matrices: '0', matrix: '' });
  });
});

describe('GitLab child pipeline', () => {
  const projects = [
    project('pulsar-io-kafka', { inputs: { verify: 'true', 'max-retries': '7' } }),
    project('source alpha', {
      connectorType: 'airbyte-source',
      artifactFormat: 'airbyte-manifest',
    }),
  ];
  const yaml = gitLabChildPipeline(projects, {
    template: { component: '$CI_SERVER_FQDN/tools/slipway/slipway@1.2.0' },
    inputs: { 'job-image': 'node:22', tags: 'latest', password: 'never-here' },
  });
  const doc = parse(yaml) as Record<string, unknown> & {
    include: Array<{ component: string; inputs: Record<string, unknown> }>;
  };

  test('one component include per project, typed inputs, no secrets', () => {
    expect(doc.include).toHaveLength(2);
    expect(doc.include[0]).toEqual({
      component: '$CI_SERVER_FQDN/tools/slipway/slipway@1.2.0',
      inputs: {
        'job-image': 'node:22',
        tags: 'latest',
        'working-directory': 'connectors/pulsar-io-kafka',
        'connector-type': 'pulsar-sink',
        'artifact-format': 'nar',
        image: 'reg.example.com/c/pulsar-io-kafka',
        verify: true,
        'max-retries': 7,
        'job-name': 'slipway-pulsar-io-kafka',
        stage: 'build',
      },
    });
    expect(doc.include[1].inputs['job-name']).toBe('slipway-source-alpha');
    expect(yaml).not.toContain('never-here');
  });

  test('each build job keeps its result for the summary job, which runs last', () => {
    for (const p of projects) {
      const job = doc[gitLabJobName(p.name)] as { artifacts: { when: string; paths: string[] } };
      expect(job.artifacts).toEqual({ when: 'always', paths: ['slipway-results/'] });
    }
    expect(doc[SUMMARY_JOB]).toMatchObject({ stage: '.post', when: 'always', image: 'node:22' });
  });

  test('each job leaves its result with the CLI (job-result), its project name quoted for the shell', () => {
    const hostile = project("it's $(touch pwned)", { workingDirectory: 'x' });
    const piped = parse(
      gitLabChildPipeline([hostile], {
        template: { local: 'gitlab/templates/slipway.yml' },
        inputs: { 'slipway-command': 'npx slipway' },
      }),
    ) as Record<string, { after_script: string[] }>;
    const job = gitLabJobName(hostile.name);
    expect(piped[job].after_script).toEqual([
      `npx slipway job-result --project 'it'\\''s $(touch pwned)' --status "$CI_JOB_STATUS" --dotenv slipway-results/${job}.env`,
    ]);
    const kafka = doc[gitLabJobName('pulsar-io-kafka')] as { after_script: string[] };
    expect(kafka.after_script[0]).toMatch(/^slipway job-result --project 'pulsar-io-kafka' /);
    expect(yaml).not.toMatch(/> *slipway-/);
  });

  describe('the summary script, run by sh', () => {
    const script = (doc[SUMMARY_JOB] as { script: string[] }).script[0];
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-summary-'));
      fs.mkdirSync(path.join(dir, 'slipway-results'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const sh = (): { code: number | null; out: string } => {
      const r = spawnSync('sh', ['-e', '-c', script], { cwd: dir, encoding: 'utf8' });
      return { code: r.status, out: r.stdout + r.stderr };
    };

    test('one row per job; a job without a result counts as failed', () => {
      fs.writeFileSync(
        path.join(dir, 'slipway-results/slipway-pulsar-io-kafka.env'),
        'SLIPWAY_IMAGE=r/k:1\nSLIPWAY_DIGEST=sha256:1\nSLIPWAY_PROJECT=pulsar-io-kafka\nSLIPWAY_JOB_STATUS=success\n',
      );
      const { code, out } = sh();
      expect(code).toBe(1);
      expect(out).toContain('| pulsar-io-kafka | r/k:1 | sha256:1 | success |');
      expect(out).toContain('| slipway-source-alpha |  |  | no result |');
      expect(out).toContain('1 project(s) failed');
      expect(fs.readFileSync(path.join(dir, 'slipway-summary.md'), 'utf8')).toContain(
        '| pulsar-io-kafka |',
      );
      expect(fs.readdirSync(dir).sort()).toEqual(['slipway-results', 'slipway-summary.md']);
    });

    test('a link at a result path is no result, and is not read', () => {
      const forged = path.join(dir, 'forged.env');
      fs.writeFileSync(forged, 'SLIPWAY_PROJECT=pulsar-io-kafka\nSLIPWAY_JOB_STATUS=success\n');
      fs.symlinkSync(forged, path.join(dir, 'slipway-results/slipway-pulsar-io-kafka.env'));
      const { code, out } = sh();
      expect(code).toBe(1);
      expect(out).toContain('| slipway-pulsar-io-kafka |  |  | no result |');
      expect(out).not.toContain('| pulsar-io-kafka |');
      expect(out).toContain('2 project(s) failed');
    });

    test('a link at slipway-summary.md is refused and its target left as it was', () => {
      const victim = path.join(dir, 'victim.txt');
      fs.writeFileSync(victim, 'precious\n');
      fs.symlinkSync(victim, path.join(dir, 'slipway-summary.md'));
      const { code, out } = sh();
      expect(code).toBe(2);
      expect(out).toContain('slipway-summary.md is a symbolic link or a folder');
      expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
    });
  });

  test('an empty selection is still a valid pipeline with one job', () => {
    const empty = parse(
      gitLabChildPipeline([], { template: { local: 'gitlab/templates/slipway.yml' } }),
    ) as Record<string, unknown>;
    expect(empty.include).toBeUndefined();
    expect(Object.keys(empty)).toEqual(['stages', SUMMARY_JOB]);
  });
});
