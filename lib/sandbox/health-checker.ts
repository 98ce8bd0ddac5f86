import { HealthCheck } from './health-check';

/** Options of the prober that drives every region's health check. */
export interface HealthCheckerOptions {
  /** Base URL per region; probed at `${url}/health`. */
  readonly targets: Readonly<Record<string, string>>;
  readonly intervalSeconds: number;
  readonly failureThreshold: number;
  /** Actual time between probes; lets tests run the configured semantics faster. @default intervalSeconds × 1000 */
  readonly probeIntervalMs?: number;
  /** Route 53 waits 4 s to connect and 2 s for the response; a slower answer is a failure. @default 2000 */
  readonly timeoutMs?: number;
  /** Called after each round of probes, when a check may have changed state. @default - none */
  readonly onRound?: () => void;
}

/** Probes each region on a fixed interval, like Route 53's checkers (one checker here, not ~15). */
export class HealthChecker {
  readonly checks: ReadonlyMap<string, HealthCheck>;
  readonly probeIntervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly options: HealthCheckerOptions) {
    this.probeIntervalMs = options.probeIntervalMs ?? options.intervalSeconds * 1000;
    this.checks = new Map(
      Object.keys(options.targets).map((id) => [
        id,
        new HealthCheck({
          id,
          intervalSeconds: options.intervalSeconds,
          failureThreshold: options.failureThreshold,
        }),
      ]),
    );
  }

  start(): void {
    if (this.timer) return;
    // Route 53 starts checking as soon as a check exists; the first result should not wait an interval.
    void this.probeAll();
    this.timer = setInterval(() => void this.probeAll(), this.probeIntervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const c of this.inFlight) c.abort();
  }

  /** Runs one round of probes now (also used by tests to step the state machine). */
  async probeAll(): Promise<void> {
    await Promise.all(
      [...this.checks.values()].map(async (check) => {
        if (check.disabled) return;
        const at = new Date();
        const { ok, status } = await this.probe(this.options.targets[check.id]);
        check.record(ok, status, at);
      }),
    );
    this.options.onRound?.();
  }

  private async probe(baseUrl: string): Promise<{ ok: boolean; status: number | null }> {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timeout = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 2000);
    try {
      const res = await fetch(`${baseUrl}/health`, {
        signal: controller.signal,
        redirect: 'manual',
      });
      await res.arrayBuffer();
      // Route 53 HTTP checks pass on any 2xx or 3xx status.
      return { ok: res.status >= 200 && res.status < 400, status: res.status };
    } catch {
      return { ok: false, status: null };
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
  }
}
