import {
  CiLogger,
  TransferLines,
  formatDuration,
  gitLabSection,
} from '../../src/fronts/cli/progress';
import { missingToolHint } from '../../src/toolchain';

const MiB = 1024 * 1024;

describe('TransferLines (progress in CI logs)', () => {
  it('stays silent for a transfer of a few seconds, then prints every 10% with rate and ETA', () => {
    let now = 0;
    const lines: string[] = [];
    const t = new TransferLines(
      (l) => lines.push(l),
      () => now,
    );
    const total = 100 * MiB;
    const at = (ms: number, bytes: number): boolean => {
      now = ms;
      return t.update({ id: 'abc', action: 'upload', bytes, total });
    };
    expect(at(0, 0)).toBe(true);
    at(1000, 20 * MiB);
    at(2000, 40 * MiB);
    expect(lines).toEqual([]); // short so far
    at(3000, 45 * MiB);
    expect(lines).toEqual(['abc: upload 45.0 MiB/100.0 MiB (45%), 15.0 MiB/s, ETA 4 s']);
    at(3500, 50 * MiB); // 5% later, 0.5 s later: nothing
    expect(lines).toHaveLength(1);
    at(4000, 56 * MiB); // 11% later
    expect(lines[1]).toBe('abc: upload 56.0 MiB/100.0 MiB (56%), 14.0 MiB/s, ETA 4 s');
    at(14_500, 57 * MiB); // 10 s later, 1% further: a slow link still shows life
    expect(lines[2]).toMatch(
      /^abc: upload 57\.0 MiB\/100\.0 MiB \(57%\), [\d.]+ MiB\/s, ETA \d+ s$/,
    );
    // Completion goes back to the caller, which prints "abc: upload 100.0 MiB".
    expect(at(15_000, total)).toBe(false);
    expect(t.update({ id: 'abc', action: 'exists', bytes: 1, total: 1 })).toBe(false);
  });

  it('formats durations for people', () => {
    expect(formatDuration(4.2)).toBe('5 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(Infinity)).toBe('unknown');
  });
});

describe('collapsible phases', () => {
  it('GitLab sections open and close with the same id, collapsed', () => {
    const out: string[] = [];
    const end = gitLabSection(
      (s) => out.push(s),
      'push',
      () => 1_700_000_000_000,
    );
    end();
    expect(out[0]).toBe(
      '\x1b[0Ksection_start:1700000000:slipway_push[collapsed=true]\r\x1b[0Kpush\n',
    );
    expect(out[1]).toBe('\x1b[0Ksection_end:1700000000:slipway_push\r\x1b[0K\n');
  });

  it('CiLogger opens sections only in GitLab and never nests them', () => {
    const out: string[] = [];
    const gitlab = new CiLogger((s) => out.push(s), {
      verbose: false,
      progress: true,
      sections: true,
    });
    const outer = gitlab.section('upload');
    const inner = gitlab.section('layer');
    gitlab.info('inside');
    inner();
    outer();
    expect(out.filter((s) => s.includes('section_start'))).toHaveLength(1);
    expect(out.filter((s) => s.includes('section_end'))).toHaveLength(1);
    expect(out).toContain('inside\n');
    const plain: string[] = [];
    const terminal = new CiLogger((s) => plain.push(s), {
      verbose: false,
      progress: true,
      sections: false,
    });
    terminal.section('upload')();
    expect(plain).toEqual([]);
  });
});

describe('missing build tool hints fit where the run is', () => {
  it('GitHub: the setup action; GitLab: the two-job pattern or an image with the tool; a terminal: the install command', () => {
    expect(missingToolHint('maven', { GITHUB_ACTIONS: 'true' })).toContain('actions/setup-java');
    const gitlab = missingToolHint('maven', { GITLAB_CI: 'true' });
    expect(gitlab).not.toContain('actions/');
    expect(gitlab).toMatch(/two-job pattern[\s\S]*image: maven:[\s\S]*artifacts: \{ paths/);
    const terminal = missingToolHint('maven', {});
    expect(terminal).toMatch(/apt-get install maven/);
    expect(terminal).not.toContain('actions/');
    expect(missingToolHint('gradle', { GITLAB_CI: 'true' })).toContain('image: gradle:');
  });
});
