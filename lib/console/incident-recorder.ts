import type { ReportPoint } from '../drill/report';
import { type DrillDurations, durations, MILESTONES, type Milestone, type Timeline } from '../drill/timeline';

/** A change made through the control API (or a drill through it). */
export type FaultAction =
  | 'stop'
  | 'start'
  | 'table/fail'
  | 'table/restore'
  | 'invert'
  | 'uninvert'
  | 'disable'
  | 'enable'
  | 'replication/pause'
  | 'replication/resume'
  | 'functions/fault'
  | 'functions/restore';

/** Actions that take something away; the others give it back. */
const BREAKS: ReadonlySet<FaultAction> = new Set([
  'stop',
  'table/fail',
  'invert',
  'disable',
  'replication/pause',
  'functions/fault',
]);

const ACTION_TEXT: Record<FaultAction, string> = {
  stop: 'API stopped',
  start: 'API started',
  'table/fail': 'table failing',
  'table/restore': 'table restored',
  invert: 'health check inverted',
  uninvert: 'health check no longer inverted',
  disable: 'health check disabled (Route 53 counts it healthy)',
  enable: 'health check enabled',
  'replication/pause': 'replica paused: no replication to or from it',
  'replication/resume': 'replica resumed: replication to and from it again',
  'functions/fault': 'item-route functions impaired',
  'functions/restore': 'item-route functions no longer impaired',
};

/** The part of the control API's state the recorder watches. */
export interface SystemSnapshot {
  readonly routing: { readonly serving: string | null };
  readonly regions: Readonly<
    Record<
      string,
      {
        readonly up: boolean;
        readonly tableUp: boolean;
        readonly healthCheck: {
          readonly healthy: boolean;
          readonly inverted: boolean;
          readonly disabled: boolean;
        };
        /** Replication into the region is paused (absent: the sandbox cannot pause it). */
        readonly replicationPaused?: boolean;
        /** Faults injected into the region's item-route functions (absent or null: none). */
        readonly functionFaults?: unknown;
        /** The calculated routing health when there is one; it decides instead of `healthCheck.healthy`. */
        readonly routingHealth?: { readonly healthy: boolean };
      }
    >
  >;
  /** Per `from->to` pair, writes not yet applied (absent: not watched). */
  readonly replication?: Readonly<Record<string, { readonly pending: number }>>;
}

/** One line of an incident's timeline. */
export interface TimelineEvent {
  readonly at: string;
  /** Milliseconds since the incident started. */
  readonly offsetMs: number;
  readonly kind: 'fault' | 'recovery' | 'health' | 'routing' | 'drill';
  readonly region: string | null;
  readonly text: string;
}

/** The last fault or drill, from its start until everything is back to normal. */
export interface IncidentView {
  readonly id: number;
  /** `observed`: nothing was injected; a check failed by itself. */
  readonly cause: 'fault' | 'drill' | 'observed';
  readonly title: string;
  readonly startedAt: string;
  /** When every region was up and healthy again with traffic where it was before; null while open. */
  readonly endedAt: string | null;
  /** Where the router sent traffic when the incident started. */
  readonly servingBefore: string | null;
  /** The drill's milestones, measured the same way for faults (`inverted` only when a check was inverted). */
  readonly milestones: Partial<Record<Milestone, ReportPoint>>;
  readonly durations: DrillDurations;
  readonly events: readonly TimelineEvent[];
}

/** Options of an IncidentRecorder. */
export interface IncidentRecorderOptions {
  /** Reads the current state (the control API's `state()`). */
  readonly snapshot: () => SystemSnapshot;
  /** @default Date.now */
  readonly now?: () => number;
  /** Events kept per incident; the oldest are dropped. @default 50 */
  readonly maxEvents?: number;
}

interface Incident {
  readonly id: number;
  readonly cause: IncidentView['cause'];
  readonly title: string;
  readonly servingBefore: string | null;
  readonly timeline: Timeline;
  readonly events: TimelineEvent[];
  endedAt: number | null;
  drillRunning: boolean;
}

/**
 * The one place faults, drills, health-check transitions and routing changes are written down, so the
 * console can show what happened and how long each step took. Actions are recorded by whoever performs
 * them; transitions are found by comparing snapshots after every probe round and every action.
 */
export class IncidentRecorder {
  private readonly now: () => number;
  private current: Incident | null = null;
  private count = 0;
  private last: { serving: string | null; healthy: Map<string, boolean> };
  /** Regions whose replication was resumed and whose queued writes have not all arrived yet. */
  private readonly catchingUp = new Map<string, number>();

  constructor(private readonly options: IncidentRecorderOptions) {
    this.now = options.now ?? Date.now;
    this.last = this.read();
  }

  /**
   * Records a control action on `region`; call it before performing the action, then `observe()`.
   * `detail` adds what exactly was done (for example the percentage of failing invocations).
   */
  action(action: FaultAction, region: string, detail?: string): void {
    const breaks = BREAKS.has(action);
    const text = `${region} ${ACTION_TEXT[action]}${detail ? `: ${detail}` : ''}`;
    // One timestamp for everything this action records, so the incident's start and its first event agree.
    const now = this.now();
    if (breaks && !this.open()) this.begin('fault', text, now);
    const incident = this.current;
    if (!incident || incident.endedAt !== null) return;
    this.add(breaks ? 'fault' : 'recovery', region, text, now);
    const t = incident.timeline;
    if (action === 'replication/pause') this.catchingUp.delete(region);
    if (action === 'replication/resume') this.catchingUp.set(region, now);
    if (breaks) {
      // Broken again after a restore: the restore no longer counts.
      delete t.restoreRequested;
      delete t.restored;
      delete t.back;
      if (action === 'invert') t.inverted ??= now;
    } else {
      t.restoreRequested = now;
    }
  }

  /** A drill starts: it opens an incident that stays open until the drill has finished. */
  drillStarted(region: string): void {
    const now = this.now();
    this.begin('drill', `drill of ${region}`, now);
    if (this.current) this.current.drillRunning = true;
    this.add('drill', region, `drill started: takes ${region} out by inverting its health check`, now);
  }

  /** A drill ended; `summary` is one line saying how. */
  drillFinished(region: string, summary: string): void {
    const incident = this.current;
    if (incident?.cause !== 'drill') return;
    incident.drillRunning = false;
    this.add('drill', region, summary);
    this.observe();
  }

  /** Compares the state with the last one and records health and routing changes. */
  observe(): void {
    const at = this.now();
    const now = this.read();
    const before = this.last;
    this.last = now;
    const changes: Array<() => void> = [];
    for (const [region, healthy] of now.healthy) {
      if (before.healthy.get(region) === healthy) continue;
      changes.push(() => this.healthChanged(region, healthy, at));
    }
    if (now.serving !== before.serving)
      changes.push(() => this.routingChanged(before.serving, now.serving, at));
    if (changes.length > 0 && !this.open()) {
      const down = [...now.healthy].filter(([, h]) => !h).map(([r]) => r);
      if (down.length > 0) this.begin('observed', `${down.join(', ')} unhealthy (nothing injected)`, at);
    }
    for (const change of changes) change();
    this.noteCatchUp(at);
    this.closeIfNormal(at);
  }

  /** After a resume: the moment every write queued to or from the region has been applied. */
  private noteCatchUp(now: number): void {
    if (this.catchingUp.size === 0) return;
    const replication = this.options.snapshot().replication;
    if (!replication) {
      this.catchingUp.clear(); // nothing to watch: the resume is all there is to know
      return;
    }
    for (const [region, since] of this.catchingUp) {
      const pending = Object.entries(replication)
        .filter(([pair]) => pair.endsWith(`->${region}`) || pair.startsWith(`${region}->`))
        .reduce((sum, [, p]) => sum + p.pending, 0);
      if (pending > 0) continue;
      this.catchingUp.delete(region);
      const took = ((now - since) / 1000).toFixed(1);
      this.add(
        'recovery',
        region,
        `${region} caught up: every queued write applied (${took} s after resume)`,
        now,
      );
    }
  }

  /** The current or last incident; null before the first. */
  view(): IncidentView | null {
    const incident = this.current;
    if (!incident) return null;
    const start = incident.timeline.start ?? 0;
    const milestones: Partial<Record<Milestone, ReportPoint>> = {};
    for (const m of MILESTONES) {
      const t = incident.timeline[m];
      if (t !== undefined) milestones[m] = { at: new Date(t).toISOString(), offsetMs: t - start };
    }
    return {
      id: incident.id,
      cause: incident.cause,
      title: incident.title,
      startedAt: new Date(start).toISOString(),
      endedAt: incident.endedAt === null ? null : new Date(incident.endedAt).toISOString(),
      servingBefore: incident.servingBefore,
      milestones,
      durations: durations(incident.timeline),
      events: [...incident.events],
    };
  }

  private open(): boolean {
    return this.current !== null && this.current.endedAt === null;
  }

  private begin(cause: Incident['cause'], title: string, now = this.now()): void {
    if (this.open() && this.current) {
      // A drill started while a fault is still open: the fault's story ends here, unfinished.
      this.add(cause === 'drill' ? 'drill' : 'fault', null, `superseded by: ${title}`, now);
      this.current.endedAt = now;
    }
    this.count++;
    this.current = {
      id: this.count,
      cause,
      title,
      servingBefore: this.last.serving,
      timeline: { start: now },
      events: [],
      endedAt: null,
      drillRunning: false,
    };
  }

  private healthChanged(region: string, healthy: boolean, now: number): void {
    const incident = this.current;
    if (!incident || incident.endedAt !== null) return;
    const t = incident.timeline;
    if (healthy) {
      this.add('health', region, `${region} health check healthy again`, now);
      if (t.restoreRequested !== undefined && [...this.last.healthy.values()].every(Boolean)) {
        t.restored ??= now;
      }
    } else {
      this.add('health', region, `${region} health check unhealthy: failure detected`, now);
      t.unhealthy ??= now;
    }
  }

  private routingChanged(from: string | null, to: string | null, now: number): void {
    const incident = this.current;
    if (!incident || incident.endedAt !== null) return;
    const back = to === incident.servingBefore;
    this.add(
      'routing',
      to,
      `traffic ${back ? 'back in' : 'moved to'} ${to ?? 'nowhere'} (was ${from ?? 'nowhere'})`,
      now,
    );
    if (!back) incident.timeline.moved ??= now;
  }

  private closeIfNormal(now: number): void {
    const incident = this.current;
    if (!incident || incident.endedAt !== null) return;
    const snapshot = this.options.snapshot();
    const normal = Object.values(snapshot.regions).every(
      (r) =>
        r.up &&
        r.tableUp &&
        (r.routingHealth?.healthy ?? r.healthCheck.healthy) &&
        !r.healthCheck.inverted &&
        !r.healthCheck.disabled &&
        !r.replicationPaused &&
        !r.functionFaults,
    );
    // Normal includes the data: a resumed region must first receive what queued up while it was paused.
    if (!normal || this.catchingUp.size > 0 || snapshot.routing.serving !== incident.servingBefore) return;
    const t = incident.timeline;
    // A drill that has not taken anything out yet is normal too, but nothing is "back".
    if (incident.cause === 'drill' && t.restoreRequested === undefined && incident.drillRunning) return;
    if (t.restoreRequested !== undefined) t.restored ??= now;
    if (t.restoreRequested !== undefined || incident.cause !== 'drill') t.back ??= now;
    // A drill's story ends with its summary, after traffic is back.
    if (incident.drillRunning) return;
    incident.endedAt = now;
    this.add('recovery', null, 'all regions up and healthy; traffic where it was before', now);
  }

  private add(kind: TimelineEvent['kind'], region: string | null, text: string, now = this.now()): void {
    const incident = this.current;
    if (!incident) return;
    incident.events.push({
      at: new Date(now).toISOString(),
      offsetMs: now - (incident.timeline.start ?? now),
      kind,
      region,
      text,
    });
    const max = this.options.maxEvents ?? 50;
    if (incident.events.length > max) incident.events.splice(0, incident.events.length - max);
  }

  private read(): { serving: string | null; healthy: Map<string, boolean> } {
    const s = this.options.snapshot();
    return {
      serving: s.routing.serving,
      healthy: new Map(
        Object.entries(s.regions).map(([r, v]) => [r, v.routingHealth?.healthy ?? v.healthCheck.healthy]),
      ),
    };
  }
}
