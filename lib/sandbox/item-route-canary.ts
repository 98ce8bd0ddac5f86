/** Options of the per-region item-route canaries. */
export interface ItemRouteCanaryOptions {
  /** Each region's own API base URL (the regional hostname, not the routed one). */
  readonly targets: Readonly<Record<string, string>>;
  /** The identity provider's issuer; the canary signs in as `canary`. */
  readonly issuer: string;
  readonly intervalMs: number;
}

/**
 * Sends one authorized `GET /items?limit=1` to every region's own URL per interval, like a synthetic
 * canary on `<region>.<domainName>`. It keeps each region's item-route alarm fed with data even while
 * routing sends users elsewhere: without it, a region taken out by its alarm would get no item traffic,
 * its alarm would have no data, and it could neither come back once healthy nor stay out while broken.
 * The results reach the alarm the same way users' do (the region process reports every item request).
 */
export class ItemRouteCanary {
  private timer: NodeJS.Timeout | undefined;
  private token: Promise<string> | undefined;
  private readonly inFlight = new Set<AbortController>();

  constructor(private readonly options: ItemRouteCanaryOptions) {}

  start(): void {
    this.timer ??= setInterval(() => void this.round(), this.options.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const c of this.inFlight) c.abort();
  }

  private async round(): Promise<void> {
    let token: string;
    try {
      token = await this.accessToken();
    } catch {
      this.token = undefined; // the issuer was not ready; try again next round
      return;
    }
    await Promise.all(
      Object.values(this.options.targets).map(async (base) => {
        const controller = new AbortController();
        this.inFlight.add(controller);
        try {
          const res = await fetch(`${base}/items?limit=1`, {
            headers: { authorization: `Bearer ${token}` },
            signal: controller.signal,
          });
          await res.arrayBuffer();
          if (res.status === 401) this.token = undefined; // expired: sign in again next round
        } catch {
          // a stopped region refuses the connection: nothing reached its functions, nothing to record
        } finally {
          this.inFlight.delete(controller);
        }
      }),
    );
  }

  private accessToken(): Promise<string> {
    this.token ??= fetch(`${this.options.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'canary', groups: [] }),
    }).then(async (res) => {
      if (!res.ok) throw new Error(`issuer answered ${res.status}`);
      return ((await res.json()) as { access_token: string }).access_token;
    });
    return this.token;
  }
}
