import type { FaultInjector } from './fault-ports';
import type { RunLoop } from './run-loop';

/**
 * Follows the injected fault while a scenario holds it (AWS: GetExperiment each poll). A target may end
 * the fault early, FIS when a stop condition's alarm fires or the action's duration passes: the hold then
 * ends too, marked `faultEnded`, and the scenario reports it as a finding.
 */
export function watchFault(
  faults: FaultInjector,
  region: string,
  loop: RunLoop,
  retry: <T>(fn: () => Promise<T>) => Promise<T>,
) {
  let ended: string | null = null;
  return {
    /** One poll: the fault's state for the status line (null when the target does not report it). */
    async poll(): Promise<string | null> {
      const status = faults.faultStatus
        ? await retry(async () => (await faults.faultStatus?.(region)) ?? null)
        : null;
      if (!status) return null;
      if (!status.active && ended === null) {
        ended = status.detail;
        loop.mark('faultEnded');
      }
      return status.detail;
    },
    /** true once the target ended the fault by itself. */
    get ended(): boolean {
      return ended !== null;
    },
    findings(): string[] {
      return ended === null
        ? []
        : [
            `The fault ended before the hold was over (${ended}): a stop condition's alarm fired or the ` +
              "action's duration passed. The measures cover the time until then.",
          ];
    },
  };
}
