import { EventEmitter } from 'node:events';
import { abortOnSignals } from '../../../lib/drill/signals';

describe('abortOnSignals', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'aborts the drill on %s and only warns on a second signal',
    (sig) => {
      const source = new EventEmitter();
      const controller = new AbortController();
      const lines: string[] = [];
      const unwire = abortOnSignals(controller, source, (l) => lines.push(l));

      source.emit(sig);
      expect(controller.signal.aborted).toBe(true);
      expect((controller.signal.reason as Error).message).toBe(`received ${sig}`);
      source.emit(sig);
      expect(lines).toEqual([
        `${sig} received: stopping the drill and restoring what it changed...`,
        `${sig} again: still restoring the health check, please wait.`,
      ]);

      unwire();
      expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
    },
  );
});
