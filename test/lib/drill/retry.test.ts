import { isRetryable, withRetry } from '../../../lib/drill/retry';
import { FakeClock } from './fakes';

const throttled = (name = 'Throttling') => Object.assign(new Error('Rate exceeded'), { name });

describe('withRetry', () => {
  it('retries throttling with exponentially growing, jittered pauses', async () => {
    const clock = new FakeClock();
    const sleeps: number[] = [];
    const sleep = clock.sleep.bind(clock);
    clock.sleep = async (ms, signal) => {
      sleeps.push(ms);
      return sleep(ms, signal);
    };
    let calls = 0;
    const value = await withRetry(
      async () => {
        if (++calls < 5) throw throttled(calls % 2 ? 'Throttling' : 'PriorRequestNotComplete');
        return 'ok';
      },
      { clock, baseMs: 100, maxMs: 500, random: () => 0.5 },
    );
    expect(value).toBe('ok');
    expect(sleeps).toEqual([50, 100, 200, 250]); // half of 100, 200, 400, min(800, 500)
  });

  it('gives up after the last attempt with the original error', async () => {
    const clock = new FakeClock();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw throttled();
        },
        { clock, attempts: 3 },
      ),
    ).rejects.toThrow('Rate exceeded');
    expect(calls).toBe(3);
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw Object.assign(new Error('nope'), { name: 'AccessDenied' });
        },
        { clock: new FakeClock() },
      ),
    ).rejects.toThrow('nope');
    expect(calls).toBe(1);
  });

  it('recognises SDK throttling flags and codes', () => {
    expect(isRetryable({ name: 'X', $retryable: { throttling: true } })).toBe(true);
    expect(isRetryable({ name: 'ThrottlingException' })).toBe(true);
    expect(isRetryable({ name: 'ValidationError' })).toBe(false);
    expect(isRetryable(null)).toBe(false);
  });
});
