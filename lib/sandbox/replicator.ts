import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { PairStatus } from '../sandbox-contract/control';
import type { KeyLocks } from './key-locks';
import { entry, isNewer, type ReplicationState, type WriteVersion } from './replication-state';
import { type ItemKey, keyId } from './write-keys';

/** A full item image in DynamoDB JSON. */
export type { PairStatus };

export type Item = Record<string, AttributeValue>;

/** One region's table as the replicator sees it: direct access, bypassing write capture. */
export interface ReplicaTable {
  readonly region: string;
  /** The region's key locks, shared with its DynamoDB endpoint. */
  readonly locks: KeyLocks;
  /** False while the region's table has failed: nothing is read from or applied to it. */
  isUp(): boolean;
  read(key: ItemKey): Promise<Item | undefined>;
  put(item: Item): Promise<void>;
  remove(key: ItemKey): Promise<void>;
}

/** Options of the replicator. */
export interface ReplicatorOptions {
  readonly tables: readonly ReplicaTable[];
  /** Minimum delay between a write and its application elsewhere. @default 500 */
  readonly lagMs?: number;
  /** Restored state (versions and pending writes). @default empty */
  readonly state?: ReplicationState;
  /** Called after the state changed, to persist it. */
  readonly onChange?: (state: ReplicationState) => void;
  /** Time between delivery rounds. @default min(100, max(10, lagMs / 4)) */
  readonly tickMs?: number;
  readonly now?: () => number;
  /**
   * Lag past which a pair's replication alarm is in ALARM, in milliseconds.
   * @default SANDBOX_REPLICATION_ALARM_MS (the CDK app's ReplicationLatency alarm threshold)
   */
  readonly alarmThresholdMs?: number;
}

/**
 * The CDK app's ReplicationLatency alarm threshold (DEFAULT_THRESHOLDS.replicationLatencyMs in
 * lib/constructs/region-alarms.ts; a test keeps them equal). Not imported: the sandbox does not load the CDK.
 */
export const SANDBOX_REPLICATION_ALARM_MS = 60_000;

/**
 * DynamoDB global-table replication between the sandbox's regions: asynchronous, per item, last writer
 * wins by write timestamp. Each region's writes are queued for every other region (coalesced per key,
 * like a stream consumer that only needs the newest image), delivered no sooner than `lagMs` later by
 * reading the current image from the source and applying it — or a delete, leaving a tombstone version —
 * when it is newer than what the target holds. A pair whose source or target table is down keeps its
 * queue and catches up when both are up.
 */
export class Replicator {
  private readonly state: ReplicationState;
  private readonly lagMs: number;
  private readonly now: () => number;
  private readonly lastLag = new Map<string, number>();
  private readonly paused = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;

  constructor(private readonly options: ReplicatorOptions) {
    this.state = options.state ?? { versions: {}, pending: {} };
    this.lagMs = options.lagMs ?? 500;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    const tickMs = this.options.tickMs ?? Math.min(100, Math.max(10, this.lagMs / 4));
    this.timer ??= setInterval(() => void this.deliver(), tickMs);
  }

  /** Stops delivering and waits for a round in progress; pending writes stay in the state. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
  }

  /** Records writes made in `region` (call while holding the keys' locks) and queues them for the others. */
  recordWrite(region: string, keys: readonly ItemKey[]): void {
    const versions = entry(this.state.versions, region);
    for (const key of keys) {
      const id = keyId(key);
      const version: WriteVersion = { ts: Math.max(this.now(), (versions[id]?.ts ?? 0) + 1), region };
      versions[id] = version;
      for (const other of this.options.tables) {
        if (other.region === region) continue;
        entry(this.state.pending, pairId(region, other.region))[id] = { key, version };
      }
    }
    this.options.onChange?.(this.state);
  }

  /**
   * Pauses replication to and from `region`'s replica (the sandbox's `aws:dynamodb:global-table-pause-replication`,
   * which denies DynamoDB's replication role on the replica: "replication to and from affected replicas will
   * stop", DynamoDB global tables security). Writes in both directions wait in their queues and the lag
   * grows until `resumeReplica`; reads and writes in the region itself go on.
   */
  pauseReplica(region: string): void {
    this.paused.add(region);
  }

  /** Delivers what queued up while paused, oldest first, from the next round on. */
  resumeReplica(region: string): void {
    this.paused.delete(region);
  }

  /** True while replication to and from `region` is paused. */
  isReplicaPaused(region: string): boolean {
    return this.paused.has(region);
  }

  /** The version a region's table holds for a key. */
  versionOf(region: string, key: ItemKey): WriteVersion | undefined {
    return this.state.versions[region]?.[keyId(key)];
  }

  status(): Record<string, PairStatus> {
    const result: Record<string, PairStatus> = {};
    const now = this.now();
    for (const from of this.options.tables) {
      for (const to of this.options.tables) {
        if (from === to) continue;
        const id = pairId(from.region, to.region);
        const pending = Object.values(this.state.pending[id] ?? {});
        const oldest = Math.min(...pending.map((p) => p.version.ts));
        const lagMs = pending.length > 0 ? Math.max(0, now - oldest) : (this.lastLag.get(id) ?? 0);
        const alarmThresholdMs = this.options.alarmThresholdMs ?? SANDBOX_REPLICATION_ALARM_MS;
        result[id] = { pending: pending.length, lagMs, alarm: lagMs > alarmThresholdMs, alarmThresholdMs };
      }
    }
    return result;
  }

  /** Runs one delivery round now (the timer calls this; tests call it to step). */
  deliver(): Promise<void> {
    this.round ??= this.deliverAll().finally(() => {
      this.round = undefined;
    });
    return this.round;
  }

  private async deliverAll(): Promise<void> {
    const tables = this.options.tables;
    await Promise.all(
      tables.flatMap((from) => tables.filter((to) => to !== from).map((to) => this.deliverPair(from, to))),
    );
  }

  private async deliverPair(from: ReplicaTable, to: ReplicaTable): Promise<void> {
    const id = pairId(from.region, to.region);
    const queue = this.state.pending[id] ?? {};
    const due = Object.entries(queue)
      .filter(([, p]) => p.version.ts + this.lagMs <= this.now())
      .sort(([, a], [, b]) => a.version.ts - b.version.ts);
    for (const [kid, entry] of due) {
      if (!from.isUp() || !to.isUp() || this.paused.has(from.region) || this.paused.has(to.region)) return;
      try {
        await this.deliverOne(from, to, entry.key);
      } catch {
        return; // the table failed mid-round: keep the queue, retry next round
      }
      if (queue[kid] === entry) delete queue[kid];
      this.lastLag.set(id, this.now() - entry.version.ts);
      this.options.onChange?.(this.state);
    }
  }

  private async deliverOne(from: ReplicaTable, to: ReplicaTable, key: ItemKey): Promise<void> {
    const kid = keyId(key);
    // Read image and version together, so the version describes exactly this image.
    const { image, version } = await from.locks.run([kid], async () => ({
      image: await from.read(key),
      version: this.state.versions[from.region]?.[kid],
    }));
    if (!version) return;
    const applied: WriteVersion = image
      ? { ts: version.ts, region: version.region }
      : { ...version, deleted: true };
    await to.locks.run([kid], async () => {
      const targetVersions = entry(this.state.versions, to.region);
      if (!isNewer(applied, targetVersions[kid])) return;
      if (image) await to.put(image);
      else await to.remove(key);
      targetVersions[kid] = applied;
    });
  }
}

export function pairId(from: string, to: string): string {
  return `${from}->${to}`;
}
