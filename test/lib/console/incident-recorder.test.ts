import { IncidentRecorder, type SystemSnapshot } from '../../../lib/console/incident-recorder';

type Region = {
  up: boolean;
  tableUp: boolean;
  healthCheck: { healthy: boolean; inverted: boolean; disabled: boolean };
};

/** A two-region system whose state the test changes by hand, and a clock it steps. */
function world() {
  const region = (): Region => ({
    up: true,
    tableUp: true,
    healthCheck: { healthy: true, inverted: false, disabled: false },
  });
  const state = {
    routing: { serving: 'us-east-1' as string | null },
    regions: { 'us-east-1': region(), 'eu-west-1': region() } as Record<string, Region>,
  };
  const clock = { now: 1_700_000_000_000 };
  const recorder = new IncidentRecorder({ snapshot: (): SystemSnapshot => state, now: () => clock.now });
  const at = (ms: number) => {
    clock.now = 1_700_000_000_000 + ms;
  };
  return { state, recorder, at };
}

describe('IncidentRecorder', () => {
  it('has nothing to show before the first incident', () => {
    expect(world().recorder.view()).toBeNull();
  });

  it('measures a fault from injection to detection, failover, restore and fail-back', () => {
    const { state, recorder, at } = world();
    recorder.action('stop', 'us-east-1');
    state.regions['us-east-1'].up = false;
    recorder.observe();
    at(2300);
    state.regions['us-east-1'].healthCheck.healthy = false;
    state.routing.serving = 'eu-west-1';
    recorder.observe();
    at(5000);
    recorder.action('start', 'us-east-1');
    state.regions['us-east-1'].up = true;
    recorder.observe();
    expect(recorder.view()?.endedAt).toBeNull();
    at(8000);
    state.regions['us-east-1'].healthCheck.healthy = true;
    state.routing.serving = 'us-east-1';
    recorder.observe();

    const view = recorder.view();
    expect(view).toMatchObject({
      id: 1,
      cause: 'fault',
      title: 'us-east-1 API stopped',
      servingBefore: 'us-east-1',
      startedAt: '2023-11-14T22:13:20.000Z',
      endedAt: '2023-11-14T22:13:28.000Z',
      durations: { detectMs: 2300, failoverMs: 2300, failbackMs: 3000 },
    });
    expect(
      Object.fromEntries(Object.entries(view?.milestones ?? {}).map(([m, p]) => [m, p.offsetMs])),
    ).toEqual({
      start: 0,
      unhealthy: 2300,
      moved: 2300,
      restoreRequested: 5000,
      restored: 8000,
      back: 8000,
    });
    expect(view?.events.map((e) => `${e.offsetMs} ${e.kind} ${e.text}`)).toEqual([
      '0 fault us-east-1 API stopped',
      '2300 health us-east-1 health check unhealthy: failure detected',
      '2300 routing traffic moved to eu-west-1 (was us-east-1)',
      '5000 recovery us-east-1 API started',
      '8000 health us-east-1 health check healthy again',
      '8000 routing traffic back in us-east-1 (was eu-west-1)',
      '8000 recovery all regions up and healthy; traffic where it was before',
    ]);
  });

  it('keeps a drill open until the drill has finished, with back measured when traffic returned', () => {
    const { state, recorder, at } = world();
    recorder.drillStarted('us-east-1');
    recorder.observe();
    expect(recorder.view()?.endedAt).toBeNull();
    at(100);
    recorder.action('invert', 'us-east-1');
    state.regions['us-east-1'].healthCheck.inverted = true;
    recorder.observe();
    at(700);
    state.regions['us-east-1'].healthCheck.healthy = false;
    state.routing.serving = 'eu-west-1';
    recorder.observe();
    at(1500);
    recorder.action('uninvert', 'us-east-1');
    state.regions['us-east-1'].healthCheck.inverted = false;
    recorder.observe();
    at(2100);
    state.regions['us-east-1'].healthCheck.healthy = true;
    state.routing.serving = 'us-east-1';
    recorder.observe();
    expect(recorder.view()?.endedAt).toBeNull();
    at(2600);
    recorder.drillFinished('us-east-1', 'drill passed');

    const view = recorder.view();
    expect(view).toMatchObject({
      cause: 'drill',
      title: 'drill of us-east-1',
      endedAt: '2023-11-14T22:13:22.600Z',
    });
    expect(view?.durations).toEqual({ detectMs: 700, failoverMs: 700, failbackMs: 600 });
    expect(view?.milestones.inverted?.offsetMs).toBe(100);
    expect(view?.milestones.back?.offsetMs).toBe(2100);
    expect(view?.events.at(-2)?.text).toBe('drill passed');
  });

  it('opens an incident for a failure nobody injected', () => {
    const { state, recorder, at } = world();
    at(1000);
    state.regions['eu-west-1'].healthCheck.healthy = false;
    recorder.observe();
    expect(recorder.view()).toMatchObject({
      cause: 'observed',
      title: 'eu-west-1 unhealthy (nothing injected)',
    });
    expect(recorder.view()?.milestones.unhealthy?.offsetMs).toBe(0);
    at(3000);
    state.regions['eu-west-1'].healthCheck.healthy = true;
    recorder.observe();
    expect(recorder.view()?.durations).toEqual({ detectMs: 0, failoverMs: null, failbackMs: null });
    expect(recorder.view()?.endedAt).not.toBeNull();
  });

  it('forgets a restore when something breaks again, and starts a new incident after the last one ended', () => {
    const { state, recorder, at } = world();
    recorder.action('table/fail', 'eu-west-1');
    state.regions['eu-west-1'].tableUp = false;
    recorder.observe();
    at(1000);
    recorder.action('table/restore', 'eu-west-1');
    expect(recorder.view()?.milestones.restoreRequested).toBeDefined();
    recorder.action('disable', 'us-east-1');
    state.regions['us-east-1'].healthCheck.disabled = true;
    recorder.observe();
    expect(recorder.view()?.milestones.restoreRequested).toBeUndefined();
    at(2000);
    state.regions['eu-west-1'].tableUp = true;
    recorder.action('enable', 'us-east-1');
    state.regions['us-east-1'].healthCheck.disabled = false;
    recorder.observe();
    expect(recorder.view()).toMatchObject({ id: 1, endedAt: '2023-11-14T22:13:22.000Z' });
    recorder.action('stop', 'eu-west-1');
    expect(recorder.view()).toMatchObject({ id: 2, title: 'eu-west-1 API stopped', endedAt: null });
  });

  it('keeps a replication pause open until the resumed region has caught up, and says how long it took', () => {
    const { state, recorder, at } = world();
    const live = state as SystemSnapshot & {
      regions: Record<string, Region & { replicationPaused?: boolean }>;
      replication?: Record<string, { pending: number }>;
    };
    live.replication = { 'us-east-1->eu-west-1': { pending: 0 }, 'eu-west-1->us-east-1': { pending: 0 } };
    recorder.action('replication/pause', 'eu-west-1');
    live.regions['eu-west-1'].replicationPaused = true;
    recorder.observe();
    at(4000);
    live.replication['us-east-1->eu-west-1'].pending = 12;
    recorder.observe();
    at(6000);
    recorder.action('replication/resume', 'eu-west-1');
    live.regions['eu-west-1'].replicationPaused = false;
    recorder.observe();
    expect(recorder.view()?.endedAt).toBeNull(); // 12 writes still on their way
    at(6800);
    live.replication['us-east-1->eu-west-1'].pending = 0;
    recorder.observe();
    expect(recorder.view()).toMatchObject({
      cause: 'fault',
      title: 'eu-west-1 replica paused: no replication to or from it',
      endedAt: '2023-11-14T22:13:26.800Z',
    });
    expect(recorder.view()?.events.map((e) => `${e.offsetMs} ${e.kind} ${e.text}`)).toEqual([
      '0 fault eu-west-1 replica paused: no replication to or from it',
      '6000 recovery eu-west-1 replica resumed: replication to and from it again',
      '6800 recovery eu-west-1 caught up: every queued write applied (0.8 s after resume)',
      '6800 recovery all regions up and healthy; traffic where it was before',
    ]);
  });

  it('records item-route faults with their detail and closes only once they are cleared', () => {
    const { state, recorder, at } = world();
    const live = state as SystemSnapshot & { regions: Record<string, Region & { functionFaults?: unknown }> };
    recorder.action('functions/fault', 'us-east-1', '50 % of invocations fail');
    live.regions['us-east-1'].functionFaults = { errors: { invocationPercentage: 50 } };
    recorder.observe();
    expect(recorder.view()).toMatchObject({
      title: 'us-east-1 item-route functions impaired: 50 % of invocations fail',
      endedAt: null,
    });
    at(3000);
    recorder.action('functions/restore', 'us-east-1');
    live.regions['us-east-1'].functionFaults = null;
    recorder.observe();
    expect(recorder.view()).toMatchObject({
      endedAt: '2023-11-14T22:13:23.000Z',
      milestones: { restoreRequested: { offsetMs: 3000 }, back: { offsetMs: 3000 } },
    });
  });

  it('keeps only the newest events', () => {
    const state: SystemSnapshot = {
      routing: { serving: 'a' },
      regions: {
        a: { up: true, tableUp: true, healthCheck: { healthy: true, inverted: false, disabled: false } },
      },
    };
    const recorder = new IncidentRecorder({ snapshot: () => state, maxEvents: 3 });
    recorder.action('disable', 'a');
    for (let i = 0; i < 5; i++) recorder.action(i % 2 ? 'disable' : 'enable', 'a');
    const events = recorder.view()?.events ?? [];
    expect(events).toHaveLength(3);
    expect(events.map((e) => e.kind)).toEqual(['recovery', 'fault', 'recovery']);
  });
});
