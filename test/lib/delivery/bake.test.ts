import 'aws-sdk-client-mock-jest';
import { CloudWatchClient, DescribeAlarmsCommand, type StateValue } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { bake } from '../../../lib/delivery/bake';
import { runBakeCli } from '../../../lib/delivery/bake-cli';
import type { Clock } from '../../../lib/drill/clock';

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

const ALARM = 'app-eu-west-1-RegionUnhealthy';
const composite = (state: StateValue) => ({ CompositeAlarms: [{ AlarmName: ALARM, StateValue: state }] });

describe('bake', () => {
  const cw = mockClient(CloudWatchClient);
  beforeEach(() => cw.reset());

  it('watches for the whole bake time and passes while the alarm stays OK', async () => {
    cw.on(DescribeAlarmsCommand).resolves(composite('OK'));
    const clock = virtualClock();
    const r = await bake({ cloudwatch: new CloudWatchClient({}), alarmNames: [ALARM], minutes: 10, clock });
    expect(r).toEqual({ ok: true, detail: 'quiet for 10 minutes (21 checks)', polls: 21 });
    expect(clock.now()).toBe(600_000);
    expect(cw).toHaveReceivedCommandWith(DescribeAlarmsCommand, {
      AlarmNames: [ALARM],
      AlarmTypes: ['CompositeAlarm', 'MetricAlarm'],
    });
  });

  it('checks once with a bake time of 0', async () => {
    cw.on(DescribeAlarmsCommand).resolves(composite('INSUFFICIENT_DATA'));
    const clock = virtualClock();
    const r = await bake({ cloudwatch: new CloudWatchClient({}), alarmNames: [ALARM], minutes: 0, clock });
    expect(r).toMatchObject({ ok: true, polls: 1 });
    expect(clock.slept).toEqual([]);
  });

  it('stops at the first poll that finds the alarm in ALARM', async () => {
    cw.on(DescribeAlarmsCommand)
      .resolvesOnce(composite('OK'))
      .resolvesOnce(composite('OK'))
      .resolves(composite('ALARM'));
    const clock = virtualClock();
    const r = await bake({ cloudwatch: new CloudWatchClient({}), alarmNames: [ALARM], minutes: 10, clock });
    expect(r).toEqual({ ok: false, detail: `in ALARM: ${ALARM}`, polls: 3 });
    expect(clock.now()).toBe(60_000);
  });

  it('fails when the alarm does not exist', async () => {
    cw.on(DescribeAlarmsCommand).resolves({});
    const r = await bake({
      cloudwatch: new CloudWatchClient({}),
      alarmNames: [ALARM],
      minutes: 5,
      clock: virtualClock(),
    });
    expect(r).toEqual({ ok: false, detail: `alarm not found: ${ALARM}`, polls: 1 });
  });
});

describe('bake CLI', () => {
  const cw = mockClient(CloudWatchClient);
  beforeEach(() => cw.reset());

  it('exits 1 with FAIL when the alarm fires, 2 on bad usage', async () => {
    cw.on(DescribeAlarmsCommand).resolves(composite('ALARM'));
    const lines: string[] = [];
    const code = await runBakeCli(['--region', 'eu-west-1', '--alarm', ALARM, '--minutes', '0'], {
      log: (l) => lines.push(l),
      cloudwatch: () => new CloudWatchClient({ region: 'eu-west-1' }),
    });
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe(`FAIL bake eu-west-1: in ALARM: ${ALARM}`);
    expect(await runBakeCli(['--region', 'eu-west-1', '--minutes', '-1'], { log: () => undefined })).toBe(2);
  });
});
