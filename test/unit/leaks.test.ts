import { scanLeaks } from '../fixtures/leaks';

describe('the suite-wide secret scan', () => {
  it('finds a secret inside any output and names both sources, not the secret', () => {
    const report = scanLeaks([
      { kind: 'secret', source: 'registry password', text: 'pw-s3cret-value' },
      { kind: 'output', source: 'cli stderr', text: 'login ok' },
      { kind: 'output', source: 'action summary', text: 'Authorization: pw-s3cret-value' },
    ]);
    expect(report.leaks).toEqual(['action summary ← registry password']);
    expect(report.secrets).toBe(1);
    expect(report.outputs).toBe(2);
  });

  it('reports nothing when outputs hold no secret', () => {
    const report = scanLeaks([
      { kind: 'secret', source: 'token', text: 'tok-abcdef' },
      { kind: 'output', source: 'cli stdout', text: 'pushed 127.0.0.1:5000/a:b' },
    ]);
    expect(report.leaks).toEqual([]);
  });
});
