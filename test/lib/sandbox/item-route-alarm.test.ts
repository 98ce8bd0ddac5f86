import { appConfigSchema } from '../../../lib/config/app-config';
import {
  AlarmHealthCheck,
  ItemRouteAlarm,
  SANDBOX_ITEM_ROUTE_THRESHOLDS,
} from '../../../lib/sandbox/item-route-alarm';

function alarmAt(options: Partial<ConstructorParameters<typeof ItemRouteAlarm>[0]> = {}) {
  const clock = { t: 1_000_000 };
  const alarm = new ItemRouteAlarm({ windowMs: 1000, now: () => clock.t, ...options });
  return { alarm, clock };
}
const ok = (ms = 20) => ({ ok: true, ms });
const failed = (ms = 20) => ({ ok: false, ms });

describe('ItemRouteAlarm', () => {
  it("uses the deployed routing health's thresholds by default (config healthCheck.itemRouteAlarm)", () => {
    const defaults = appConfigSchema.shape.healthCheck.parse(undefined).itemRouteAlarm;
    expect(SANDBOX_ITEM_ROUTE_THRESHOLDS).toEqual({
      errorRatePercent: defaults.errorRatePercent,
      averageLatencyMs: defaults.averageLatencyMs,
    });
  });

  it('has insufficient data below the minimum, then alarms above the error rate', () => {
    const { alarm } = alarmAt();
    expect(alarm.view()).toMatchObject({ state: 'INSUFFICIENT_DATA', invocations: 0 });
    alarm.record([failed(), failed()]);
    expect(alarm.view()).toMatchObject({
      state: 'INSUFFICIENT_DATA',
      reason: 'only 2 item requests in the window (< 3)',
    });
    alarm.record([ok()]);
    expect(alarm.view()).toMatchObject({
      state: 'ALARM',
      errorRatePercent: 66.7,
      reason: '66.7 % of 3 item requests failed (> 5 %)',
    });
  });

  it('stays OK at the error-rate threshold, alarms just above it', () => {
    const { alarm } = alarmAt();
    alarm.record([failed(), ...Array.from({ length: 19 }, () => ok())]); // 5 %
    expect(alarm.view()).toMatchObject({ state: 'OK', errorRatePercent: 5 });
    alarm.record([failed()]); // 2 of 21 = 9.5 %
    expect(alarm.view().state).toBe('ALARM');
  });

  it('alarms on average latency above the threshold (Route 53 takes no percentiles)', () => {
    const { alarm } = alarmAt({ averageLatencyMs: 500 });
    alarm.record([ok(100), ok(120), ok(1281)]); // one slow answer lifts the average to 500.3 → 500
    expect(alarm.view()).toMatchObject({ state: 'OK', averageMs: 500 });
    alarm.record([ok(504)]); // (1501 + 504) / 4 = 501
    expect(alarm.view()).toMatchObject({
      state: 'ALARM',
      averageMs: 501,
      reason: '4 item requests took 501 ms on average (> 500 ms)',
    });
  });

  it('forgets results older than the window', () => {
    const { alarm, clock } = alarmAt();
    alarm.record([failed(), failed(), failed()]);
    expect(alarm.view().state).toBe('ALARM');
    clock.t += 1001;
    expect(alarm.view()).toMatchObject({ state: 'INSUFFICIENT_DATA', invocations: 0 });
  });
});

describe('AlarmHealthCheck (Route 53 CLOUDWATCH_METRIC semantics)', () => {
  it('LastKnownStatus keeps the last verdict through insufficient data, healthy before the first', () => {
    const { alarm, clock } = alarmAt();
    const check = new AlarmHealthCheck(alarm, 'LastKnownStatus');
    expect(check.evaluate().healthy).toBe(true);
    alarm.record([failed(), failed(), failed()]);
    expect(check.evaluate().healthy).toBe(false);
    clock.t += 2000; // no data: still out, as the last verdict was ALARM
    expect(check.evaluate()).toMatchObject({ healthy: false, view: { state: 'INSUFFICIENT_DATA' } });
    alarm.record([ok(), ok(), ok()]);
    expect(check.evaluate().healthy).toBe(true);
  });

  it('Healthy and Unhealthy decide insufficient data outright', () => {
    const { alarm } = alarmAt();
    expect(new AlarmHealthCheck(alarm, 'Healthy').evaluate().healthy).toBe(true);
    expect(new AlarmHealthCheck(alarm, 'Unhealthy').evaluate().healthy).toBe(false);
  });
});
