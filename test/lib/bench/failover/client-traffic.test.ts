import { failedSince } from '../../../../lib/bench/failover/client-traffic';

describe('failedSince', () => {
  it('counts only failed requests that started at or after the switch', () => {
    const requests = [
      { start: 90, end: 120, ok: false }, // in flight during the switch: not counted
      { start: 100, end: 110, ok: false },
      { start: 105, end: 115, ok: true },
      { start: 200, end: 210, ok: false },
    ];
    expect(failedSince(requests, 100)).toBe(2);
    expect(failedSince(requests, 201)).toBe(0);
  });
});
