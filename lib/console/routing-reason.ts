import { preferenceOrder, type RoutingInput } from '../sandbox/routing-policy';

/** Why the router sends traffic where it does, in one sentence for the console. */
export function explainRouting(input: RoutingInput & { readonly serving: string | null }): string {
  const { mode, serving, latencyMs } = input;
  const order = preferenceOrder(input);
  const ms = (r: string) => (latencyMs[r] === undefined ? 'unknown latency' : `${latencyMs[r]} ms`);
  const skipped = order.slice(0, Math.max(0, order.indexOf(serving ?? ''))).filter((r) => !input.healthy(r));
  if (serving === null) return 'No region to send traffic to.';
  if (!order.some((r) => input.healthy(r))) {
    return (
      `No region is healthy: Route 53 then treats every record as healthy, so traffic goes to ${serving}, ` +
      `the ${mode === 'failover' ? 'primary' : 'lowest-latency region'}.`
    );
  }
  if (mode === 'failover') {
    if (serving === input.primaryRegion) return `Failover routing: ${serving} is the primary and healthy.`;
    const role =
      order.indexOf(serving) === 1 ? 'secondary' : `next region in order (${order.indexOf(serving) + 1})`;
    return `Failover routing: the primary ${input.primaryRegion} is unhealthy, so traffic goes to the ${role}, ${serving}.`;
  }
  const base = `Latency routing: ${serving} (${ms(serving)}) has the lowest latency of the healthy regions`;
  if (skipped.length === 0) return `${base}.`;
  return `${base}; ${skipped.map((r) => `${r} (${ms(r)})`).join(', ')} ${skipped.length > 1 ? 'are' : 'is'} unhealthy.`;
}
