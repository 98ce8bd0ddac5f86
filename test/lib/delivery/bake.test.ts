import { CloudWatchClient, DescribeAlarmsCommand, type StateValue } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { parseConfig } from '../../../lib/config/app-config';
import { bake } from '../../../lib/delivery/bake';
import { runBakeCli } from '../../../lib/delivery/bake-cli';
import { bakeAlarms } from '../../../lib/delivery/delivery-plan';
import type { Clock } from '../../../lib/drill/clock';
import { BASE_CONFIG } from '../../helpers/app';

/** Virtual time: sleep advances now() at once. */
function virtualClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const config = parseConfig({ ...BASE_CONFIG, regions: REGIONS });

// Baking eu-west-1: its own composite alarm, and the canary alarms in the two other regions that probe it.
const COMPOSITE = 'active-active-eu-west-1-unhealthy';
const FROM_US = 'active-active-us-east-1-unreachable-eu-west-1';
const FROM_AP = 'active-active-ap-southeast-2-unreachable-eu-west-1';

/** One real client per region, each mocked on its own, so each region's calls can be told apart. */
function regionClients() {
  const clients = new Map(REGIONS.map((r) => [r, new CloudWatchClient({ region: r })]));
  const mocks = new Map([...clients].map(([r, c]) => [r, mockClient(c)]));
  const states = new Map<string, StateValue | undefined>([
    [COMPOSITE, 'OK'],
    [FROM_US, 'OK'],
    [FROM_AP, 'OK'],
  ]);
  // Each region answers with the alarms it was asked for that exist (state undefined = missing).
  for (const [region, mock] of mocks) {
    mock.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => {
      const found = input.AlarmNames.filter((n) => states.get(n) !== undefined && n.includes(`-${region}-`));
      const of = (n: string) => ({ AlarmName: n, StateValue: states.get(n) });
      return {
        CompositeAlarms: found.filter((n) => n === COMPOSITE).map(of),
        MetricAlarms: found.filter((n) => n !== COMPOSITE).map(of),
      };
    });
  }
  const inputs = (region: string) =>
    (mocks.get(region) as ReturnType<typeof mockClient>)
      .commandCalls(DescribeAlarmsCommand)
      .map((c) => c.args[0].input);
  return { cloudwatch: (r: string) => clients.get(r) as CloudWatchClient, states, inputs };
}

describe('bakeAlarms', () => {
  it("watches the region's composite alarm and, in every other region, the canary alarm that probes it", () => {
    expect(bakeAlarms(config, 'eu-west-1', ['us-east-1'])).toEqual([
      { region: 'eu-west-1', name: COMPOSITE },
      { region: 'us-east-1', name: FROM_US, mayBeMissing: true },
      { region: 'ap-southeast-2', name: FROM_AP },
    ]);
  });
});

describe('bake', () => {
  it('asks each region for exactly its alarms on every poll, and passes while all stay OK', async () => {
    const { cloudwatch, inputs } = regionClients();
    const clock = virtualClock();
    const r = await bake({ cloudwatch, alarms: bakeAlarms(config, 'eu-west-1', []), minutes: 10, clock });
    expect(r).toEqual({ ok: true, detail: 'quiet for 10 minutes (21 checks)', polls: 21 });
    expect(clock.now()).toBe(600_000);
    const types = ['CompositeAlarm', 'MetricAlarm'];
    expect(inputs('eu-west-1')).toEqual(Array(21).fill({ AlarmNames: [COMPOSITE], AlarmTypes: types }));
    expect(inputs('us-east-1')).toEqual(Array(21).fill({ AlarmNames: [FROM_US], AlarmTypes: types }));
    expect(inputs('ap-southeast-2')).toEqual(Array(21).fill({ AlarmNames: [FROM_AP], AlarmTypes: types }));
  });

  it("fails at the first poll that finds another region's canary alarm on this region in ALARM", async () => {
    const { cloudwatch, states } = regionClients();
    const clock = virtualClock();
    clock.sleep = async (ms) => {
      clock.slept.push(ms);
      if (clock.slept.length === 2) states.set(FROM_AP, 'ALARM');
    };
    const r = await bake({ cloudwatch, alarms: bakeAlarms(config, 'eu-west-1', []), minutes: 10, clock });
    expect(r).toEqual({ ok: false, detail: `in ALARM: ap-southeast-2/${FROM_AP}`, polls: 3 });
  });

  it('fails when the composite alarm is in ALARM', async () => {
    const { cloudwatch, states } = regionClients();
    states.set(COMPOSITE, 'ALARM');
    const r = await bake({
      cloudwatch,
      alarms: bakeAlarms(config, 'eu-west-1', []),
      minutes: 5,
      clock: virtualClock(),
    });
    expect(r).toEqual({ ok: false, detail: `in ALARM: eu-west-1/${COMPOSITE}`, polls: 1 });
  });

  it('counts INSUFFICIENT_DATA as quiet and names it in the result; checks once with a bake time of 0', async () => {
    const { cloudwatch, states } = regionClients();
    states.set(FROM_US, 'INSUFFICIENT_DATA');
    const clock = virtualClock();
    const r = await bake({ cloudwatch, alarms: bakeAlarms(config, 'eu-west-1', []), minutes: 0, clock });
    expect(r).toEqual({
      ok: true,
      detail: `quiet for 0 minutes (1 checks); INSUFFICIENT_DATA (not evaluated yet): us-east-1/${FROM_US}`,
      polls: 1,
    });
    expect(clock.slept).toEqual([]);
  });

  it('fails on a missing alarm, unless it lives in a region this run has not deployed yet', async () => {
    const { cloudwatch, states } = regionClients();
    states.set(FROM_US, undefined);
    const lines: string[] = [];
    const strict = await bake({
      cloudwatch,
      alarms: bakeAlarms(config, 'eu-west-1', []),
      minutes: 5,
      clock: virtualClock(),
    });
    expect(strict).toEqual({ ok: false, detail: `alarm not found: us-east-1/${FROM_US}`, polls: 1 });
    const lenient = await bake({
      cloudwatch,
      alarms: bakeAlarms(config, 'eu-west-1', ['us-east-1']),
      minutes: 1,
      clock: virtualClock(),
      log: (l) => lines.push(l),
    });
    expect(lenient).toMatchObject({ ok: true, polls: 3 });
    // Said once, not on every poll.
    expect(lines.filter((l) => l.includes('does not exist yet'))).toEqual([
      `us-east-1/${FROM_US} does not exist yet (its region is deployed later in this run): not watched`,
    ]);
  });
});

describe('bake CLI', () => {
  it('bakes the alarms the config names, exits 1 with FAIL when one fires', async () => {
    const { cloudwatch, states, inputs } = regionClients();
    states.set(FROM_US, 'ALARM');
    const lines: string[] = [];
    const asked: string[] = [];
    const code = await runBakeCli(
      [
        '--region',
        'eu-west-1',
        '--minutes',
        '0',
        '--config',
        'config/x.json',
        '--not-yet-deployed',
        'us-east-1',
      ],
      {
        log: (l) => lines.push(l),
        cloudwatch: (r) => {
          asked.push(r);
          return cloudwatch(r);
        },
        loadConfig: (file) => {
          expect(file).toBe('config/x.json');
          return config;
        },
      },
    );
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe(`FAIL bake eu-west-1: in ALARM: us-east-1/${FROM_US}`);
    expect(asked).toEqual(['eu-west-1', 'us-east-1', 'ap-southeast-2']);
    expect(inputs('us-east-1')).toEqual([
      { AlarmNames: [FROM_US], AlarmTypes: ['CompositeAlarm', 'MetricAlarm'] },
    ]);
  });

  it('exits 2 on bad usage or a region the config does not have', async () => {
    const log = () => undefined;
    const loadConfig = () => config;
    expect(await runBakeCli(['--region', 'eu-west-1', '--minutes', '-1'], { log, loadConfig })).toBe(2);
    expect(await runBakeCli(['--region', 'eu-west-1', '--alarm', 'x', '--minutes', '1'], { log })).toBe(2);
    const lines: string[] = [];
    const code = await runBakeCli(['--region', 'eu-central-1', '--minutes', '0'], {
      log: (l) => lines.push(l),
      loadConfig,
    });
    expect(code).toBe(2);
    expect(lines).toEqual([
      "not among the config's regions (us-east-1, eu-west-1, ap-southeast-2): eu-central-1",
    ]);
  });
});
