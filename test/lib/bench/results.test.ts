import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failedFigure, figure } from '../../../lib/bench/figures';
import { type BenchRun, timestampName, writeResults } from '../../../lib/bench/results';

describe('timestampName', () => {
  it('turns an ISO time into a sortable file name without colons', () => {
    expect(timestampName('2026-11-27T14:03:05.123Z')).toBe('2026-11-27T14-03-05-123Z.json');
  });
});

describe('writeResults', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same JSON to <timestamp>.json and latest.json, with unmeasured values as null', () => {
    const run: BenchRun = {
      startedAt: '2026-11-27T14:03:05.123Z',
      finishedAt: '2026-11-27T14:04:05.123Z',
      smoke: true,
      sections: ['lambda'],
      passed: false,
      environment: { node: 'v20', platform: 'linux-x64', cpus: 2 },
      figures: [
        figure({ section: 'lambda', name: 'a', unit: 'ms', value: 1 }),
        failedFigure('api', 'x', 'boom'),
      ],
    };
    const { file, latest } = writeResults(join(dir, 'nested'), run);
    expect(file).toBe(join(dir, 'nested', '2026-11-27T14-03-05-123Z.json'));
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(readFileSync(latest, 'utf8')).toBe(readFileSync(file, 'utf8'));
    expect(written.figures[1]).toMatchObject({ section: 'api', value: null, pass: false, note: 'boom' });
    expect(written.passed).toBe(false);
  });
});
