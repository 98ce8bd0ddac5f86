import { KeyLocks } from '../../../lib/sandbox/key-locks';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('KeyLocks', () => {
  it('runs holders of the same key one after another and different keys concurrently', async () => {
    const locks = new KeyLocks();
    const log: string[] = [];
    const job = (name: string, keys: string[]) =>
      locks.run(keys, async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
      });
    await Promise.all([job('a', ['k1']), job('b', ['k1', 'k2']), job('c', ['k3'])]);
    expect(log.indexOf('a end')).toBeLessThan(log.indexOf('b start'));
    expect(log.indexOf('c start')).toBeLessThan(log.indexOf('a end'));
  });

  it('releases the lock when the holder fails', async () => {
    const locks = new KeyLocks();
    await expect(
      locks.run(['k'], async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(locks.run(['k'], async () => 'next')).resolves.toBe('next');
  });
});
