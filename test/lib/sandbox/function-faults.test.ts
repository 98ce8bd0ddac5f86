import { drawFault, functionFaultsSchema, isFaultTarget } from '../../../lib/sandbox/function-faults';

/** Returns the given draws in order, as Math.random would. */
const draws =
  (...values: number[]) =>
  () => {
    const v = values.shift();
    if (v === undefined) throw new Error('no draw left');
    return v;
  };

describe('function faults', () => {
  it('targets the item routes only, never /health or the authorizer', () => {
    expect(
      ['items/create', 'items/list', 'items/get', 'items/update', 'items/delete'].map(isFaultTarget),
    ).toEqual([true, true, true, true, true]);
    expect(['health', 'authorizer', 'openapi'].map(isFaultTarget)).toEqual([false, false, false]);
  });

  it('hits an invocation when the draw falls under the percentage', () => {
    const faults = { errors: { invocationPercentage: 30 } };
    expect(drawFault(faults, draws(0.29))).toEqual({ delayMs: 0, error: 'before' });
    expect(drawFault(faults, draws(0.3))).toEqual({ delayMs: 0, error: 'none' });
    expect(drawFault({ errors: { invocationPercentage: 30, preventExecution: false } }, draws(0))).toEqual({
      delayMs: 0,
      error: 'after',
    });
    expect(drawFault(null, draws())).toEqual({ delayMs: 0, error: 'none' });
  });

  it('draws latency and errors independently', () => {
    const faults = {
      latency: { invocationPercentage: 50, startupDelayMilliseconds: 1500 },
      errors: { invocationPercentage: 50 },
    };
    expect(drawFault(faults, draws(0.1, 0.9))).toEqual({ delayMs: 1500, error: 'none' });
    expect(drawFault(faults, draws(0.9, 0.1))).toEqual({ delayMs: 0, error: 'before' });
    expect(drawFault(faults, draws(0.1, 0.1))).toEqual({ delayMs: 1500, error: 'before' });
  });

  it('hits about the given share of many invocations', () => {
    const faults = { errors: { invocationPercentage: 25 } };
    const hits = Array.from({ length: 4000 }, () => drawFault(faults, Math.random)).filter(
      (f) => f.error !== 'none',
    ).length;
    expect(hits / 4000).toBeGreaterThan(0.2);
    expect(hits / 4000).toBeLessThan(0.3);
  });

  it('validates a fault body and names the field that is wrong', () => {
    const issues = (body: unknown) => {
      const r = functionFaultsSchema.safeParse(body);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ errors: { invocationPercentage: 100 } })).toEqual([]);
    expect(issues({ latency: { invocationPercentage: 10, startupDelayMilliseconds: 3000 } })).toEqual([]);
    expect(issues({})).toEqual([': name at least one fault: "errors" and/or "latency"']);
    expect(issues({ errors: { invocationPercentage: 0 } })).toEqual([
      'errors.invocationPercentage: must be at least 1 (clear the fault with DELETE instead)',
    ]);
    expect(issues({ errors: { invocationPercentage: 101 } })).toEqual([
      'errors.invocationPercentage: must be at most 100',
    ]);
    expect(issues({ latency: { invocationPercentage: 10 } })[0]).toMatch(
      /^latency.startupDelayMilliseconds: /,
    );
    expect(issues({ latency: { invocationPercentage: 10, startupDelayMilliseconds: 1.5 } })).toEqual([
      'latency.startupDelayMilliseconds: must be a whole number',
    ]);
    expect(issues({ errors: { invocationPercentage: 5 }, extra: 1 })[0]).toMatch(/extra/);
  });
});
