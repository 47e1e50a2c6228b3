import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';

const dir = join(__dirname, '..', '..', '.github', 'workflows');
const files = readdirSync(dir).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'));

interface Step {
  uses?: string;
  run?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on'?: string;
  steps?: Step[];
  services?: Record<string, { image: string; ports?: string[] }>;
}
interface Workflow {
  name?: string;
  on?: Record<string, unknown>;
  jobs?: Record<string, Job>;
}

function load(file: string): Workflow {
  const doc = parseDocument(readFileSync(join(dir, file), 'utf8'));
  expect(doc.errors.map((e) => e.message)).toEqual([]);
  return doc.toJS() as Workflow;
}

const steps = (wf: Workflow): Step[] => Object.values(wf.jobs ?? {}).flatMap((j) => j.steps ?? []);

describe('GitHub workflows', () => {
  it('has the four workflows', () => {
    expect(files.sort()).toEqual(['check-dist.yml', 'ci.yml', 'e2e.yml', 'release.yml']);
  });

  it.each(files)('%s parses and has a trigger and jobs with runners and steps', (file) => {
    const wf = load(file);
    expect(wf.name).toEqual(expect.any(String));
    expect(Object.keys(wf.on ?? {}).length).toBeGreaterThan(0);
    const jobs = Object.entries(wf.jobs ?? {});
    expect(jobs.length).toBeGreaterThan(0);
    for (const [, job] of jobs) {
      expect(job['runs-on']).toEqual(expect.any(String));
      expect(job.steps?.length).toBeGreaterThan(0);
      for (const step of job.steps ?? []) {
        // exactly one of uses/run per step
        expect(Number(step.uses !== undefined) + Number(step.run !== undefined)).toBe(1);
      }
    }
  });

  it('ci runs lint, types and tests on Node 20', () => {
    const wf = load('ci.yml');
    expect(Object.keys(wf.on ?? {})).toEqual(['push', 'pull_request']);
    const all = steps(wf);
    expect(all.find((s) => s.uses?.startsWith('actions/setup-node'))?.with).toMatchObject({
      'node-version': 20,
    });
    const runs = all.map((s) => s.run ?? '');
    for (const cmd of ['npm ci', 'npm run lint', 'npm run typecheck', 'npm test']) {
      expect(runs).toContain(cmd);
    }
  });

  it('check-dist builds and fails on a diff of the generated files', () => {
    const runs = steps(load('check-dist.yml')).map((s) => s.run ?? '');
    expect(runs).toContain('npm run build');
    expect(runs.join('\n')).toContain('git diff --exit-code -- dist action.yml gitlab');
  });

  it('e2e uses the action from this repository against a registry:2 service', () => {
    const wf = load('e2e.yml');
    const job = Object.values(wf.jobs ?? {})[0];
    expect(job.services?.registry).toEqual({ image: 'registry:2', ports: ['5000:5000'] });
    const own = job.steps?.filter((s) => s.uses === './') ?? [];
    expect(own.length).toBeGreaterThan(0);
    expect(own[0].with).toMatchObject({
      image: 'localhost:5000/e2e/upper',
      'base-image': 'localhost:5000/busybox:1.36',
    });
    const seeding = job.steps?.findIndex((s) => s.run?.includes('skopeo copy')) ?? -1;
    const first = job.steps?.findIndex((s) => s.uses === './') ?? -1;
    expect(seeding).toBeGreaterThanOrEqual(0);
    expect(seeding).toBeLessThan(first);
    // outputs reach the check through env, never pasted into the script
    const check = job.steps?.find((s) => s.run?.includes('skopeo inspect'));
    expect(check?.env?.DIGEST).toBe('${{ steps.slipway.outputs.digest }}');
  });

  it('release runs on semver tags and moves the major tag', () => {
    const wf = load('release.yml');
    expect(wf.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
    const script = steps(wf)
      .map((s) => s.run ?? '')
      .join('\n');
    expect(script).toContain('major="${GITHUB_REF_NAME%%.*}"');
    expect(script).toContain('git push -f origin "refs/tags/$major"');
  });
});
