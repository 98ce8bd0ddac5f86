import type { Clock } from '../clock';
import { withRetry } from '../retry';
import type { RunLoop } from './run-loop';

/** The three phases of every scenario: impair, always undo, then (only if all went well) watch recovery. */
export interface RestoreAlwaysSteps {
  readonly loop: RunLoop;
  /** Injects the fault and holds it; may throw (error, timeout, Ctrl-C). */
  readonly inject: () => Promise<void>;
  /** Removes the fault; retried, and never given the abort signal: a second Ctrl-C must not skip it. */
  readonly restore: () => Promise<void>;
  /** What the operator must do by hand when restoring fails. */
  readonly restoreText: string;
  /** Runs after a successful restore when nothing failed: waits for the system to recover. */
  readonly after?: () => Promise<void>;
  readonly log: (line: string) => void;
  readonly clock: Clock;
}

/**
 * Injects, then restores on every way out of `inject` (success, error, timeout, Ctrl-C), as the
 * health-check drill does. The fault counts as injected before the call, so a call that applied but whose
 * answer was lost is still undone.
 */
export async function restoreAlways(
  steps: RestoreAlwaysSteps,
): Promise<{ error: unknown; restored: boolean }> {
  let error: unknown;
  let changed = false;
  let restored = true;
  try {
    steps.loop.stopIfNeeded();
    changed = true;
    await steps.inject();
  } catch (e) {
    error = e;
  }
  if (changed) {
    try {
      await withRetry(steps.restore, { clock: steps.clock, attempts: 8 });
    } catch (e) {
      restored = false;
      steps.log(`RESTORE FAILED (${msg(e)}). ${steps.restoreText}.`);
      error ??= e;
    }
  }
  if (error === undefined && steps.after) {
    try {
      await steps.after();
    } catch (e) {
      error = e;
    }
  }
  return { error, restored };
}

export function msg(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
