import { bar, createProgress, type StatusStream } from '../../../lib/drill/progress';

/** A stream that records what is written; `isTTY` decides the mode. */
function fakeStream(isTTY: boolean, columns?: number) {
  const writes: string[] = [];
  const stream: StatusStream = { isTTY, columns, write: (t: string) => writes.push(t) };
  return { stream, writes };
}

function setup(stream?: StatusStream, plainEveryMs?: number) {
  let t = 1_000_000;
  const clock = { now: () => t };
  const lines: string[] = [];
  const progress = createProgress({ clock, log: (l) => lines.push(l), stream, plainEveryMs });
  return { progress, lines, advance: (ms: number) => (t += ms) };
}

describe('bar', () => {
  it('fills with elapsed against expected and stays full once expected has passed', () => {
    expect(bar(0, 30)).toBe('░░░░░░░░░░');
    expect(bar(21_000, 30)).toBe('███████░░░');
    expect(bar(24_000, 30)).toBe('████████░░');
    expect(bar(90_000, 30)).toBe('██████████');
    expect(bar(0, 0)).toBe('██████████');
    expect(bar(5_000, 10, 4)).toBe('██░░');
  });
});

describe('createProgress on a terminal', () => {
  it('redraws one status line in place with elapsed / expected and a bar, and keeps the last as a line', () => {
    // Prepare
    const { stream, writes } = fakeStream(true);
    const { progress, lines, advance } = setup(stream);
    // Act
    const wait = progress.wait('us-east-1 unhealthy?', 30);
    wait.update('healthy, 16/16 checkers report success');
    advance(21_000);
    wait.update('healthy, 9/16 checkers report success');
    advance(3_000);
    wait.end('unhealthy, 2/16 checkers report success');
    // Assess
    expect(writes).toEqual([
      '\r\x1b[2K  us-east-1 unhealthy? 0 s / ~30 s ░░░░░░░░░░  healthy, 16/16 checkers report success',
      '\r\x1b[2K  us-east-1 unhealthy? 21 s / ~30 s ███████░░░  healthy, 9/16 checkers report success',
      '\r\x1b[2K',
    ]);
    expect(lines).toEqual([
      '  us-east-1 unhealthy?: unhealthy, 2/16 checkers report success (24 s, expected ~30 s)',
    ]);
  });

  it('writes no bar for a wait without an expected time, and cuts lines to the terminal width', () => {
    const { stream, writes } = fakeStream(true, 30);
    const { progress, advance } = setup(stream);
    const wait = progress.wait('recovered?', null);
    advance(2_000);
    wait.update('200 from us-east-1 in 41 ms, 1/3');
    expect(writes).toEqual(['\r\x1b[2K  recovered? 2 s  200 from u…']);
    expect(writes[0].length - '\r\x1b[2K'.length).toBe(29);
  });

  it('leaves the status line standing when a line is logged mid-wait (an abort, a retry)', () => {
    const { stream, writes } = fakeStream(true);
    const { progress, lines } = setup(stream);
    progress.wait('traffic off us-east-1?', 90).update('x-region us-east-1, 0/3 in a row');
    progress.log('[+12.0 s] aborted');
    progress.log('next');
    expect(writes).toEqual([
      '\r\x1b[2K  traffic off us-east-1? 0 s / ~90 s ░░░░░░░░░░  x-region us-east-1, 0/3 in a row',
      '\n',
    ]);
    expect(lines).toEqual(['[+12.0 s] aborted', 'next']);
  });
});

describe('createProgress in a log (no TTY)', () => {
  it.each([
    ['a stream that is not a terminal', fakeStream(false).stream],
    ['no stream', undefined],
  ])('with %s prints the first observation, then one line per 5 s at most, then the last', (_, stream) => {
    // Prepare
    const { progress, lines, advance } = setup(stream);
    // Act: a poll every 500 ms for 12 s
    const wait = progress.wait('us-east-1 unhealthy?', 30);
    for (let i = 0; i < 24; i++) {
      wait.update(`healthy, poll ${i}`);
      advance(500);
    }
    wait.end('unhealthy, poll 24');
    // Assess
    expect(lines).toEqual([
      '  us-east-1 unhealthy?: healthy, poll 0 (0 s, expected ~30 s)',
      '  us-east-1 unhealthy?: healthy, poll 10 (5 s, expected ~30 s)',
      '  us-east-1 unhealthy?: healthy, poll 20 (10 s, expected ~30 s)',
      '  us-east-1 unhealthy?: unhealthy, poll 24 (12 s, expected ~30 s)',
    ]);
  });

  it('takes the interval it is given, and starts each wait afresh', () => {
    const { progress, lines, advance } = setup(undefined, 2_000);
    const first = progress.wait('a?', null);
    first.update('1');
    advance(1_000);
    first.update('2');
    advance(1_000);
    first.update('3');
    first.end('4');
    progress.wait('b?', 5).update('5');
    expect(lines).toEqual([
      '  a?: 1 (0 s)',
      '  a?: 3 (2 s)',
      '  a?: 4 (2 s)',
      '  b?: 5 (0 s, expected ~5 s)',
    ]);
  });
});
