import { parseEnv as parseDotenv } from 'node:util';
import type { Outputs } from '../../src/core/result';
import { OUTPUT_DESCRIPTIONS } from '../../src/core/result';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError } from '../../src/core/errors';
import {
  checkReportPath,
  dotenvReport,
  jobResultReport,
  outputStrings,
  outputsJson,
  readReportFile,
  writeReportFile,
} from '../../src/fronts/report';

const DIGEST = `sha256:${'c'.repeat(64)}`;
const BASE = `sha256:${'d'.repeat(64)}`;

const outputs: Outputs = {
  image: 'registry.example.com/acme/sink:1.2.3',
  digest: DIGEST,
  'image-ref': `registry.example.com/acme/sink@${DIGEST}`,
  tags: ['1.2.3', '1.2', '1'],
  platforms: ['linux/amd64', 'linux/arm64'],
  'base-digest': BASE,
  dockerfile: 'out/Dockerfile',
  pushed: true,
};

describe('dotenvReport', () => {
  it('writes the SLIPWAY_ variables GitLab reads, one KEY=VALUE per line', () => {
    expect(dotenvReport(outputs)).toBe(
      [
        'SLIPWAY_IMAGE=registry.example.com/acme/sink:1.2.3',
        `SLIPWAY_DIGEST=${DIGEST}`,
        `SLIPWAY_IMAGE_REF=registry.example.com/acme/sink@${DIGEST}`,
        'SLIPWAY_TAGS=1.2.3,1.2,1',
        'SLIPWAY_PLATFORMS=linux/amd64,linux/arm64',
        `SLIPWAY_BASE_DIGEST=${BASE}`,
        'SLIPWAY_PUSHED=true',
        '',
      ].join('\n'),
    );
  });

  it('adds optional outputs when present and parses back to the same values', () => {
    const text = dotenvReport({ ...outputs, pushed: false, 'definition-id': 'abc-123' });
    expect(parseDotenv(text)).toMatchObject({
      SLIPWAY_PUSHED: 'false',
      SLIPWAY_DEFINITION_ID: 'abc-123',
      SLIPWAY_TAGS: '1.2.3,1.2,1',
    });
    expect(text.endsWith('\n')).toBe(true);
    for (const line of text.slice(0, -1).split('\n')) expect(line).toMatch(/^SLIPWAY_[A-Z_]+=\S+$/);
  });

  it('names the files of the run relative to the project directory, where later jobs find them', () => {
    const text = dotenvReport(
      {
        ...outputs,
        manifest: '/builds/acme/.slipway/slipway-a1/function-mesh.yaml',
        sbom: '/builds/acme/.slipway/slipway-a1/sbom.cdx.json',
      },
      '/builds/acme',
    );
    expect(parseDotenv(text)).toMatchObject({
      SLIPWAY_MANIFEST: '.slipway/slipway-a1/function-mesh.yaml',
      SLIPWAY_SBOM: '.slipway/slipway-a1/sbom.cdx.json',
    });
    // a file outside the project keeps its absolute path
    expect(dotenvReport({ ...outputs, sbom: '/tmp/x/sbom.cdx.json' }, '/builds/acme')).toContain(
      'SLIPWAY_SBOM=/tmp/x/sbom.cdx.json\n',
    );
  });

  it('leaves out a value GitLab would reject instead of writing a broken report', () => {
    const text = dotenvReport({ ...outputs, manifest: 'out dir/sink.yaml' });
    expect(text).not.toContain('SLIPWAY_MANIFEST');
    expect(text).toContain('SLIPWAY_PUSHED=true\n');
  });
});

describe('outputs as strings and JSON', () => {
  it('has every action output and a metadata JSON of all of them', () => {
    const strings = outputStrings(outputs);
    expect(Object.keys(strings)).toEqual([
      'image',
      'digest',
      'image-ref',
      'tags',
      'platforms',
      'base-digest',
      'dockerfile',
      'pushed',
      'metadata',
    ]);
    expect(strings.tags).toBe('1.2.3,1.2,1');
    expect(strings.pushed).toBe('true');
    expect(JSON.parse(strings.metadata)).toEqual(outputs);
    for (const name of Object.keys(strings)) expect(OUTPUT_DESCRIPTIONS).toHaveProperty(name);
  });

  it('metadata keeps lists as arrays and leaves unset optional outputs out', () => {
    const json = JSON.parse(outputsJson({ ...outputs, manifest: 'out/sink.yaml' })) as Record<
      string,
      unknown
    >;
    expect(json.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(json.manifest).toBe('out/sink.yaml');
    expect(json).not.toHaveProperty('sbom-digest');
  });
});

describe('writeReportFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-report-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes a new file and replaces an existing one, leaving no temporary file', () => {
    const file = path.join(dir, 'slipway.env');
    writeReportFile(file, 'A=1\n', '--dotenv');
    expect(fs.readFileSync(file, 'utf8')).toBe('A=1\n');
    writeReportFile(file, 'A=2\n', '--dotenv');
    expect(fs.readFileSync(file, 'utf8')).toBe('A=2\n');
    expect(fs.readdirSync(dir)).toEqual(['slipway.env']);
  });

  it('refuses a path that is a symbolic link and leaves its target as it was', () => {
    const target = path.join(dir, 'victim.txt');
    fs.writeFileSync(target, 'precious\n');
    const link = path.join(dir, 'slipway.env');
    fs.symlinkSync(target, link);
    const attempt = (): void => writeReportFile(link, 'SLIPWAY_IMAGE=x\n', '--dotenv');
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(
      `--dotenv ${link} is a symbolic link; Slipway never writes through links (one committed to the repository could overwrite any file the job can write): remove the link or choose another path.`,
    );
    expect(() => checkReportPath(link, '--dotenv')).toThrow(InputError);
    expect(fs.readFileSync(target, 'utf8')).toBe('precious\n');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    // A dangling link (pointing where the job could create a file) is refused too.
    const dangling = path.join(dir, 'dangling.env');
    fs.symlinkSync(path.join(dir, 'would-be-created'), dangling);
    expect(() => writeReportFile(dangling, 'X=1\n', '--dotenv')).toThrow(/is a symbolic link/);
    expect(fs.existsSync(path.join(dir, 'would-be-created'))).toBe(false);
  });

  it('refuses a path under a folder of the working directory that is a link, and makes missing folders', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-report-outside-'));
      try {
        fs.symlinkSync(outside, path.join(dir, '.slipway'));
        const attempt = (): void => writeReportFile('.slipway/slipway.env', 'A=1\n', '--dotenv');
        expect(attempt).toThrow(
          '--dotenv .slipway/slipway.env (its folder .slipway) is a symbolic link; Slipway never writes through links',
        );
        expect(() => checkReportPath('.slipway/deeper/x.env', '--metadata')).toThrow(
          /--metadata \.slipway\/deeper\/x\.env \(its folder \.slipway\) is a symbolic link/,
        );
        expect(fs.readdirSync(outside)).toEqual([]);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
      writeReportFile('slipway-results/job.env', 'A=2\n', '--dotenv');
      expect(fs.readFileSync(path.join(dir, 'slipway-results/job.env'), 'utf8')).toBe('A=2\n');
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('job results of the GitLab fan-out', () => {
  it("keeps a successful job's SLIPWAY_ lines, then its project and status, each on one line", () => {
    const dotenv = `SLIPWAY_IMAGE=r/a:1\nSLIPWAY_DIGEST=${DIGEST}\nOTHER=x\nSLIPWAY_BAD=has space\n`;
    expect(jobResultReport(dotenv, 'source alpha', 'success')).toBe(
      `SLIPWAY_IMAGE=r/a:1\nSLIPWAY_DIGEST=${DIGEST}\nSLIPWAY_PROJECT=source alpha\nSLIPWAY_JOB_STATUS=success\n`,
    );
    expect(jobResultReport(dotenv, 'x\nSLIPWAY_JOB_STATUS=success', 'failed')).toBe(
      'SLIPWAY_PROJECT=x SLIPWAY_JOB_STATUS=success\nSLIPWAY_JOB_STATUS=failed\n',
    );
  });

  it('reads a report without following a link', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-report-'));
    try {
      const file = path.join(dir, 'slipway.env');
      expect(readReportFile(file, '--outputs')).toBeUndefined();
      fs.writeFileSync(path.join(dir, 'elsewhere'), 'SLIPWAY_IMAGE=x\n');
      fs.symlinkSync(path.join(dir, 'elsewhere'), file);
      expect(() => readReportFile(file, '--outputs')).toThrow(/is a symbolic link/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
