import type { Clock } from '../clock';
import { DrillAbortedError, DrillTimeoutError } from '../errors';

/** Options of one executed scenario's loop. */
export interface RunLoopOptions {
  readonly clock: Clock;
  readonly signal?: AbortSignal;
  /** Overall limit from the start; restore runs when it passes. */
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly log: (line: string) => void;
}

/**
 * Time-keeping shared by the scenarios: milestones with offsets, the overall deadline and Ctrl-C as
 * errors the scenario's restore path catches, and an abortable pause between polls.
 */
export function createRunLoop(options: RunLoopOptions) {
  const { clock, signal, log } = options;
  const start = clock.now();
  const deadline = start + options.timeoutMs;
  const marks: Record<string, number> = {};
  const elapsed = () => `+${((clock.now() - start) / 1000).toFixed(1)} s`;
  const stopIfNeeded = () => {
    if (signal?.aborted) {
      const r = signal.reason as unknown;
      throw new DrillAbortedError(
        `Drill aborted (${r instanceof Error ? r.message : String(r ?? 'aborted')})`,
      );
    }
    if (clock.now() >= deadline) {
      throw new DrillTimeoutError(`Drill timed out after ${Math.round(options.timeoutMs / 1000)} s`);
    }
  };
  return {
    start,
    marks,
    now: () => clock.now(),
    elapsed,
    stopIfNeeded,
    mark(name: string): number {
      marks[name] = clock.now();
      log(`[${elapsed()}] ${name}`);
      return marks[name];
    },
    /** Waits one poll interval (less near the deadline); throws on Ctrl-C or timeout. */
    async pause(ms = options.pollMs): Promise<void> {
      stopIfNeeded();
      try {
        await clock.sleep(Math.min(ms, Math.max(0, deadline - clock.now())), signal);
      } catch {
        // reported by stopIfNeeded, worded for the operator
      }
      stopIfNeeded();
    },
  };
}

export type RunLoop = ReturnType<typeof createRunLoop>;
