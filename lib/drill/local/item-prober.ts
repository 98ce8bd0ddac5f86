import { type ProbeResource, probeResource } from '../../routes/probe-resource';
import { DrillError } from '../errors';
import { HttpItemProber } from '../item-prober';

/** The item prober of `--target local`: through the sandbox's router, with a token of its issuer for the user `drill`. */
export class SandboxItemProber extends HttpItemProber {
  constructor(
    routerUrl: string,
    issuer: string,
    timeoutMs = 35_000,
    now: () => number = Date.now,
    resource: ProbeResource = probeResource(),
  ) {
    super(routerUrl, () => sandboxToken(issuer), timeoutMs, now, resource);
  }
}

async function sandboxToken(issuer: string): Promise<string> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'drill', groups: [] }),
    signal: AbortSignal.timeout(5000),
  }).catch((e: Error) => {
    throw new DrillError(`Cannot reach the sandbox issuer at ${issuer} (${e.message})`);
  });
  if (!res.ok) throw new DrillError(`The sandbox issuer answered ${res.status} for a token`);
  return ((await res.json()) as { access_token: string }).access_token;
}
