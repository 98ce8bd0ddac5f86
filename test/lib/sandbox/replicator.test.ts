import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyLocks } from '../../../lib/sandbox/key-locks';
import {
  emptyState,
  loadReplicationState,
  saveReplicationState,
} from '../../../lib/sandbox/replication-state';
import { type Item, type ReplicaTable, Replicator } from '../../../lib/sandbox/replicator';
import { type ItemKey, keyId } from '../../../lib/sandbox/write-keys';

/** An in-memory table; `up = false` makes every call fail, like an unreachable endpoint. */
class MemoryTable implements ReplicaTable {
  readonly locks = new KeyLocks();
  readonly items = new Map<string, Item>();
  up = true;
  constructor(readonly region: string) {}
  isUp() {
    return this.up;
  }
  private check() {
    if (!this.up) throw new Error('connection refused');
  }
  async read(key: ItemKey) {
    this.check();
    return this.items.get(keyId(key));
  }
  async put(item: Item) {
    this.check();
    this.items.set(keyId({ pk: item.pk, sk: item.sk }), item);
  }
  async remove(key: ItemKey) {
    this.check();
    this.items.delete(keyId(key));
  }
  /** A write by this region's handlers: applied, then recorded, as the DynamoDB endpoint does. */
  async write(replicator: Replicator, name: string | null) {
    await this.locks.run([keyId(KEY)], async () => {
      if (name === null) this.items.delete(keyId(KEY));
      else this.items.set(keyId(KEY), { ...KEY, name: { S: name } });
      replicator.recordWrite(this.region, [KEY]);
    });
  }
  nameOf() {
    return this.items.get(keyId(KEY))?.name?.S ?? null;
  }
}

const KEY: ItemKey = { pk: { S: 'ITEM#1' }, sk: { S: 'ITEM' } };

function setup(lagMs = 100) {
  let clock = 1_000_000;
  const a = new MemoryTable('us-east-1');
  const b = new MemoryTable('eu-west-1');
  const replicator = new Replicator({ tables: [a, b], lagMs, now: () => clock });
  const advance = async (ms: number) => {
    clock += ms;
    await replicator.deliver();
  };
  return { a, b, replicator, advance, tick: (ms: number) => (clock += ms) };
}

describe('Replicator (global-table semantics)', () => {
  it('applies a write to the other region only after the lag', async () => {
    const { a, b, replicator, advance } = setup(100);
    await a.write(replicator, 'first');
    await advance(50);
    expect(b.nameOf()).toBeNull();
    expect(replicator.status()['us-east-1->eu-west-1']).toEqual({
      pending: 1,
      lagMs: 50,
      alarm: false,
      alarmThresholdMs: 60_000,
    });
    await advance(50);
    expect(b.nameOf()).toBe('first');
    expect(replicator.status()['us-east-1->eu-west-1'].pending).toBe(0);
  });

  it('never lets an older write overwrite a newer one: both regions converge on the last writer', async () => {
    const { a, b, replicator, advance, tick } = setup(100);
    await a.write(replicator, 'older from A');
    tick(10);
    await b.write(replicator, 'newer from B');
    await advance(200);
    expect(a.nameOf()).toBe('newer from B');
    expect(b.nameOf()).toBe('newer from B');
    expect(replicator.versionOf('us-east-1', KEY)).toEqual(replicator.versionOf('eu-west-1', KEY));
  });

  it.each([
    ['us-east-1 writes first', ['a', 'b'] as const],
    ['eu-west-1 writes first', ['b', 'a'] as const],
  ])(
    'breaks a timestamp tie for the region whose name sorts last (us-east-1), whoever writes first: %s',
    async (_case, order) => {
      const { a, b, replicator, advance } = setup(10);
      const tables = { a, b };
      // Same clock reading for both writes: an exact tie on the write timestamp.
      for (const t of order) await tables[t].write(replicator, `from ${tables[t].region}`);
      expect(replicator.versionOf('us-east-1', KEY)?.ts).toBe(replicator.versionOf('eu-west-1', KEY)?.ts);
      await advance(20);
      // docs/SANDBOX.md: 'us-east-1' > 'eu-west-1', so us-east-1's write wins in both regions.
      expect(a.nameOf()).toBe('from us-east-1');
      expect(b.nameOf()).toBe('from us-east-1');
    },
  );

  it('replicates deletes as tombstones that an older write cannot undo', async () => {
    const { a, b, replicator, advance, tick } = setup(100);
    await a.write(replicator, 'created');
    await advance(100);
    expect(b.nameOf()).toBe('created');
    // B updates, A deletes later; the B update reaches A after A's delete and must not resurrect it.
    tick(5);
    await b.write(replicator, 'update from B');
    tick(5);
    await a.write(replicator, null);
    await advance(200);
    expect(a.nameOf()).toBeNull();
    expect(b.nameOf()).toBeNull();
    expect(replicator.versionOf('eu-west-1', KEY)).toMatchObject({ region: 'us-east-1', deleted: true });
  });

  it("pauses replication to and from one region's replica, and delivers both queues after resume", async () => {
    const { a, b, replicator, advance } = setup(50);
    replicator.pauseReplica('eu-west-1');
    expect(replicator.isReplicaPaused('eu-west-1')).toBe(true);
    expect(replicator.isReplicaPaused('us-east-1')).toBe(false);
    await a.write(replicator, 'written in A while B is paused');
    await advance(300);
    expect(b.nameOf()).toBeNull();
    expect(replicator.status()['us-east-1->eu-west-1']).toMatchObject({ pending: 1, lagMs: 300 });
    // B's own writes are accepted but do not leave B either, as when DynamoDB's replication role is denied.
    const other: ItemKey = { pk: { S: 'ITEM#2' }, sk: { S: 'ITEM' } };
    await b.locks.run([keyId(other)], async () => {
      b.items.set(keyId(other), { ...other, name: { S: 'from B' } });
      replicator.recordWrite('eu-west-1', [other]);
    });
    await advance(60);
    expect(a.items.get(keyId(other))).toBeUndefined();
    expect(replicator.status()['eu-west-1->us-east-1'].pending).toBe(1);
    replicator.resumeReplica('eu-west-1');
    expect(replicator.isReplicaPaused('eu-west-1')).toBe(false);
    await advance(0);
    expect(b.nameOf()).toBe('written in A while B is paused');
    expect(a.items.get(keyId(other))?.name?.S).toBe('from B');
    expect(replicator.status()['us-east-1->eu-west-1'].pending).toBe(0);
    expect(replicator.status()['eu-west-1->us-east-1'].pending).toBe(0);
  });

  it("raises the pair's replication alarm while the lag is above the threshold, and clears it after", async () => {
    let clock = 1_000_000;
    const a = new MemoryTable('us-east-1');
    const b = new MemoryTable('eu-west-1');
    const replicator = new Replicator({
      tables: [a, b],
      lagMs: 10,
      now: () => clock,
      alarmThresholdMs: 1000,
    });
    replicator.pauseReplica('eu-west-1');
    await a.write(replicator, 'v1');
    clock += 1000;
    expect(replicator.status()['us-east-1->eu-west-1']).toMatchObject({ lagMs: 1000, alarm: false });
    clock += 1;
    expect(replicator.status()['us-east-1->eu-west-1']).toMatchObject({ lagMs: 1001, alarm: true });
    expect(replicator.status()['eu-west-1->us-east-1'].alarm).toBe(false); // nothing written there
    replicator.resumeReplica('eu-west-1');
    await replicator.deliver();
    // The last applied write took 1001 ms: still above the threshold, as CloudWatch's latency metric would be.
    expect(replicator.status()['us-east-1->eu-west-1']).toMatchObject({ pending: 0, alarm: true });
    await a.write(replicator, 'v2');
    clock += 10;
    await replicator.deliver();
    expect(replicator.status()['us-east-1->eu-west-1']).toMatchObject({
      pending: 0,
      lagMs: 10,
      alarm: false,
    });
  });

  it('keeps the queue while a region is down and catches up when it returns', async () => {
    const { a, b, replicator, advance } = setup(50);
    b.up = false;
    await a.write(replicator, 'v1');
    await advance(100);
    await a.write(replicator, 'v2');
    await advance(100);
    expect(replicator.status()['us-east-1->eu-west-1'].pending).toBe(1); // coalesced per key
    expect(replicator.status()['us-east-1->eu-west-1'].lagMs).toBe(100);
    b.up = true;
    await advance(0);
    expect(b.nameOf()).toBe('v2');
    expect(replicator.status()['us-east-1->eu-west-1']).toMatchObject({ pending: 0 });
  });

  it('does not read from a source whose table is down', async () => {
    const { a, b, replicator, advance } = setup(10);
    await a.write(replicator, 'v1');
    a.up = false;
    await advance(50);
    expect(b.nameOf()).toBeNull();
    a.up = true;
    await advance(0);
    expect(b.nameOf()).toBe('v1');
  });

  it('restores pending writes from saved state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'repl-'));
    try {
      const first = setup(10);
      first.b.up = false;
      await first.a.write(first.replicator, 'saved');
      const file = join(dir, 'state.json');
      let saved = emptyState();
      const r1 = new Replicator({ tables: [first.a, first.b], lagMs: 10, onChange: (s) => (saved = s) });
      r1.recordWrite('us-east-1', [KEY]);
      saveReplicationState(file, saved);

      const b = new MemoryTable('eu-west-1');
      const r2 = new Replicator({ tables: [first.a, b], lagMs: 0, state: loadReplicationState(file) });
      await r2.deliver();
      expect(b.nameOf()).toBe('saved');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
