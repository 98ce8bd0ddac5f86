import type { AppConfig } from '../../config/app-config';
import type { Clock } from '../clock';
import type { DrillTarget } from '../plan';
import type { DataCheck, HealthCheckControl, TrafficProber } from '../ports';
import type { Progress } from '../progress';
import type { FaultInjector, ItemProber } from './fault-ports';
import type { ScenarioName } from './names';

/** What to run and how; the CLI fills it from its flags. */
export interface ScenarioOptions {
  readonly config: Pick<AppConfig, 'appName' | 'regions' | 'primaryRegion' | 'routing'>;
  readonly target: DrillTarget;
  readonly scenario: Exclude<ScenarioName, 'health-check'>;
  /** Region to impair. @default the primary region */
  readonly region?: string;
  readonly execute: boolean;
  readonly timeoutMs: number;
  readonly pollMs: number;
  /** How long the fault stays in place. @default per scenario and target (see the plan) */
  readonly holdMs?: number;
  /** Percentage of invocations the function scenarios hit. @default 100 */
  readonly percentage?: number;
  /** Added startup delay of `function-latency`. @default 3000 */
  readonly delayMs?: number;
  /** Consecutive good probes that count as recovered. @default 3 */
  readonly consecutiveProbes?: number;
  readonly signal?: AbortSignal;
}

/** The adapters a scenario runs against (AWS or the sandbox behind the same ports). */
export interface ScenarioDeps {
  readonly control: HealthCheckControl;
  readonly prober: TrafficProber;
  /** Injects the faults. @default - none: the scenario can plan but not execute */
  readonly faults?: FaultInjector;
  /** Writes and reads marker items (replication-pause). */
  readonly dataCheck?: DataCheck;
  /** Authorized requests to an item route through the routed hostname (function scenarios). */
  readonly items?: ItemProber;
  readonly clock: Clock;
  readonly log: (line: string) => void;
  /** Status lines of the waits (a redrawn line on a terminal). @default - plain lines through `log`, one per 5 s */
  readonly progress?: Progress;
}

/** What a scenario will do and what it should measure, computed before anything changes. */
export interface ScenarioPlan {
  readonly scenario: ScenarioName;
  readonly target: DrillTarget;
  readonly region: string;
  readonly holdMs: number;
  /** Numbered steps with what each should take or show. */
  readonly steps: ReadonlyArray<readonly [string, string]>;
  /** The outcome the scenario expects, one line per measure. */
  readonly expected: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly notes: readonly string[];
  /** What injects the fault on this target (AWS: the FIS experiment template and its stop conditions). */
  readonly injection?: readonly string[];
}

/** A figure the scenario measured; null when it did not get that far or the target cannot tell. */
export type Measure = number | boolean | string | null;

export interface ScenarioResult {
  readonly plan: ScenarioPlan;
  readonly executed: boolean;
  readonly outcome: 'planned' | 'passed' | 'failed';
  readonly error?: string;
  /** false only when the scenario injected a fault and could not remove it. */
  readonly restored: boolean;
  /** Epoch milliseconds of each milestone reached, `start` first. */
  readonly marks: Readonly<Record<string, number>>;
  readonly measures: Readonly<Record<string, Measure>>;
  /** What the operator must know, in sentences (for example: the fault was not detected). */
  readonly findings: readonly string[];
}
