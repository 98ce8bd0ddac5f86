import { BenchUsageError, parseBenchArgs, SECTIONS } from '../../../lib/bench/options';

describe('parseBenchArgs', () => {
  it('runs every section in full mode into bench/results by default', () => {
    expect(parseBenchArgs([])).toEqual({
      help: false,
      smoke: false,
      sections: SECTIONS,
      outDir: 'bench/results',
      reportOnly: false,
    });
    expect(parseBenchArgs(['--report-only']).reportOnly).toBe(true);
  });

  it('--only keeps the canonical order; --skip removes sections', () => {
    expect(parseBenchArgs(['--only', 'synth,lambda']).sections).toEqual(['lambda', 'synth']);
    expect(parseBenchArgs(['--skip', 'synth', '--smoke']).sections).toEqual(['lambda', 'api', 'failover']);
    expect(parseBenchArgs(['--smoke', '--out', '/tmp/x'])).toMatchObject({ smoke: true, outDir: '/tmp/x' });
  });

  it('rejects unknown sections, unknown flags, --only with --skip and skipping everything', () => {
    expect(() => parseBenchArgs(['--only', 'lambda,disk'])).toThrow(/unknown: disk/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(['--only', 'api', '--skip', 'synth'])).toThrow('cannot be combined');
    expect(() => parseBenchArgs(['--skip', SECTIONS.join(',')])).toThrow('no section');
    expect(() => parseBenchArgs(['--only', ''])).toThrow(BenchUsageError);
  });
});
