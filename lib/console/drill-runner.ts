import type { AppConfig } from '../config/app-config';
import { parseDrillArgs } from '../drill/args';
import { type Clock, systemClock } from '../drill/clock';
import { runDrill } from '../drill/engine';
import { UnknownRegionError } from '../drill/errors';
import type { Adapters } from '../drill/main';
import { type DrillReport, formatSummary, toReport } from '../drill/report';
import { ControlConflictError, type DrillRequest } from '../sandbox-contract/control';

export type { DrillRequest };

/** A drill started from the console, while it runs and after. */
export interface DrillView {
  readonly id: number;
  readonly status: 'running' | 'passed' | 'failed' | 'cancelled';
  readonly region: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** The lines the CLI would print, newest last (the last 200). */
  readonly log: readonly string[];
  /** The CLI's `--report` JSON, once the engine returned one. */
  readonly report: DrillReport | null;
  readonly error: string | null;
}

/** A drill is already running; the control API answers 409. */
export class DrillBusyError extends ControlConflictError {
  constructor(region: string) {
    super(`A drill of ${region} is running; wait for it or cancel it (DELETE /drills/current)`);
  }
}

/** Options of a DrillRunner. */
export interface DrillRunnerOptions {
  /** The sandbox's config with its running regions (a sandbox may run fewer than configured). */
  readonly config: Pick<AppConfig, 'appName' | 'regions' | 'primaryRegion' | 'routing'>;
  /** The CLI's `--target local` adapters for this sandbox (`localAdaptersFor`). */
  readonly adapters: (dataCheck: boolean) => Adapters;
  /** @default systemClock */
  readonly clock?: Clock;
  readonly onStart?: (region: string) => void;
  readonly onFinish?: (view: DrillView) => void;
}

const MAX_LOG_LINES = 200;

/**
 * Runs the drill engine in-process, one drill at a time, exactly as `npm run drill -- --target local
 * --execute` does (same engine, same adapters, same defaults), and keeps its log and report for the console.
 */
export class DrillRunner {
  private current: { view: Mutable<DrillView>; abort: AbortController; done: Promise<void> } | null = null;
  private count = 0;

  constructor(private readonly options: DrillRunnerOptions) {}

  /** Starts a drill; throws UnknownRegionError or DrillBusyError synchronously. */
  start(request: DrillRequest): DrillView {
    const { config } = this.options;
    if (!config.regions.includes(request.region))
      throw new UnknownRegionError(request.region, config.regions);
    if (this.current?.view.status === 'running') throw new DrillBusyError(this.current.view.region);
    const defaults = parseDrillArgs(['--target', 'local']);
    const clock = this.options.clock ?? systemClock;
    const view: Mutable<DrillView> = {
      id: ++this.count,
      status: 'running',
      region: request.region,
      startedAt: new Date(clock.now()).toISOString(),
      finishedAt: null,
      log: [],
      report: null,
      error: null,
    };
    const log = (text: string) => {
      view.log = [...view.log, ...text.split('\n')].slice(-MAX_LOG_LINES);
    };
    const abort = new AbortController();
    this.options.onStart?.(request.region);
    const run = async () => {
      let adapters: Adapters | undefined;
      try {
        adapters = this.options.adapters(request.dataCheck ?? defaults.dataCheck);
        const result = await runDrill(
          {
            config,
            target: 'local',
            region: request.region,
            execute: true,
            timeoutMs: (request.timeoutSeconds ?? defaults.timeoutMs / 1000) * 1000,
            pollMs: request.pollMs ?? defaults.pollMs,
            signal: abort.signal,
          },
          { ...adapters, clock, log },
        );
        view.report = toReport(result);
        log(`\n${formatSummary(view.report)}`);
        view.error = result.error ?? null;
        const passed = result.outcome === 'passed' && result.restored;
        view.status = passed ? 'passed' : abort.signal.aborted ? 'cancelled' : 'failed';
      } catch (e) {
        view.error = e instanceof Error ? e.message : String(e);
        log(`drill: ${view.error}`);
        view.status = abort.signal.aborted ? 'cancelled' : 'failed';
      } finally {
        adapters?.close?.();
      }
      view.finishedAt = new Date(clock.now()).toISOString();
      this.options.onFinish?.({ ...view });
    };
    this.current = { view, abort, done: run() };
    return { ...view };
  }

  /** Cancels the running drill, like Ctrl-C: the engine restores the health check. */
  cancel(): DrillView | null {
    if (this.current?.view.status !== 'running') return null;
    this.current.abort.abort(new Error('cancelled from the console'));
    return { ...this.current.view };
  }

  /** The running or last drill. */
  view(): DrillView | null {
    return this.current ? { ...this.current.view } : null;
  }

  /** Resolves when the running drill (if any) has finished and restored what it changed. */
  async settled(): Promise<void> {
    await this.current?.done;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
