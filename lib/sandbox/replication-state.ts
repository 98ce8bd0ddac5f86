import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ItemKey } from './write-keys';

/** When and where a write happened: last writer wins by `ts`, ties broken by region name. */
export interface WriteVersion {
  /** Milliseconds since the epoch, made unique and increasing per key within a region. */
  readonly ts: number;
  /** The region the write was made in. */
  readonly region: string;
  /** True when the write removed the item: a tombstone that keeps older writes from resurrecting it. */
  readonly deleted?: boolean;
}

/** A write waiting to reach one other region. */
export interface PendingWrite {
  readonly key: ItemKey;
  readonly version: WriteVersion;
}

/** Everything the replicator must remember across restarts. */
export interface ReplicationState {
  /** Per region, per key id: the version its table holds. */
  versions: Record<string, Record<string, WriteVersion>>;
  /** Per `from->to` pair, per key id: the newest write not yet applied there. */
  pending: Record<string, Record<string, PendingWrite>>;
}

/** True when `a` wins over `b` under last-writer-wins. */
export function isNewer(a: WriteVersion, b: WriteVersion | undefined): boolean {
  if (!b) return true;
  return a.ts > b.ts || (a.ts === b.ts && a.region > b.region);
}

/** The object at `record[key]`, created empty when missing. */
export function entry<T>(record: Record<string, Record<string, T>>, key: string): Record<string, T> {
  if (!record[key]) record[key] = {};
  return record[key];
}

export function emptyState(): ReplicationState {
  return { versions: {}, pending: {} };
}

/** Reads the state saved at `file`, or an empty state when there is none. */
export function loadReplicationState(file: string): ReplicationState {
  if (!existsSync(file)) return emptyState();
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<ReplicationState>;
  return { versions: raw.versions ?? {}, pending: raw.pending ?? {} };
}

/** Writes the state atomically (write then rename), so a crash never leaves half a file. */
export function saveReplicationState(file: string, state: ReplicationState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state));
  renameSync(`${file}.tmp`, file);
}
