import { randomUUID } from 'node:crypto';

/** One check of a probe run. */
export interface ProbeCheck {
  /** What was asked, e.g. `GET /health`. */
  readonly name: string;
  readonly ok: boolean;
  /** HTTP status, 0 when the request itself failed. */
  readonly status: number;
  /** Why it failed, or what was seen. */
  readonly detail: string;
  readonly ms: number;
}

/** Options of {@link probeRegion}. */
export interface ProbeOptions {
  /** Base URL of the region's own API, e.g. `https://eu-west-1.api.example.com`. */
  readonly baseUrl: string;
  /** Region that must answer (`x-region` header and `/health` body). */
  readonly region: string;
  /** Returns an access token of the synthetic user; without it only `/health` is probed. */
  readonly token?: () => Promise<string>;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Per-request timeout. @default 10000 */
  readonly timeoutMs?: number;
}

interface Answer {
  readonly status: number;
  readonly region: string | null;
  readonly etag: string | null;
  readonly body: unknown;
  readonly error?: string;
  readonly ms: number;
}

/**
 * Probes one region the way a user would: the deep `/health`, then (with a token) create, read, list and
 * delete an item through the authorizer. Every answer must come from `region`. The created item is
 * deleted even when a later check fails, so repeated runs leave nothing behind.
 */
export async function probeRegion(options: ProbeOptions): Promise<ProbeCheck[]> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const base = options.baseUrl.replace(/\/$/, '');
  const ask = async (method: string, path: string, token?: string, body?: unknown, headers = {}) => {
    const started = Date.now();
    try {
      const res = await doFetch(`${base}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text for the report
      }
      return {
        status: res.status,
        region: res.headers.get('x-region'),
        etag: res.headers.get('etag'),
        body: parsed,
        ms: Date.now() - started,
      } satisfies Answer;
    } catch (e) {
      const error = (e as Error).message;
      return { status: 0, region: null, etag: null, body: undefined, error, ms: Date.now() - started };
    }
  };
  const checks: ProbeCheck[] = [];
  const check = (
    name: string,
    answer: Answer,
    expected: number,
    extra?: (a: Answer) => string | undefined,
  ) => {
    let problem: string | undefined;
    if (answer.error !== undefined) problem = `request failed: ${answer.error}`;
    else if (answer.status !== expected)
      problem = `expected ${expected}, got ${answer.status}: ${brief(answer.body)}`;
    else if (answer.region !== options.region)
      problem = `answered by region ${answer.region ?? '(no x-region header)'}, expected ${options.region}`;
    else problem = extra?.(answer);
    const result = { name, ok: !problem, status: answer.status, detail: problem ?? 'ok', ms: answer.ms };
    checks.push(result);
    return result.ok;
  };

  check('GET /health', await ask('GET', '/health'), 200, (a) => {
    const b = a.body as { status?: unknown; region?: unknown } | undefined;
    if (b?.status !== 'ok') return `body status is ${JSON.stringify(b?.status)}, expected "ok"`;
    if (b.region !== options.region) return `body region is ${JSON.stringify(b.region)}`;
    return undefined;
  });
  if (!options.token) return checks;

  let token: string;
  try {
    token = await options.token();
  } catch (e) {
    checks.push({ name: 'sign in', ok: false, status: 0, detail: (e as Error).message, ms: 0 });
    return checks;
  }
  const created = await ask(
    'POST',
    '/items',
    token,
    { name: `pipeline probe ${new Date().toISOString()}` },
    {
      'idempotency-key': randomUUID(),
    },
  );
  const id = (created.body as { id?: unknown } | undefined)?.id;
  if (!check('POST /items', created, 201, () => (typeof id === 'string' ? undefined : 'no id in the body'))) {
    return checks;
  }
  const read = await ask('GET', `/items/${id}`, token);
  check('GET /items/{id}', read, 200, (a) => (a.etag ? undefined : 'no ETag header'));
  check('GET /items', await ask('GET', '/items?limit=1', token), 200, (a) =>
    Array.isArray((a.body as { items?: unknown } | undefined)?.items)
      ? undefined
      : 'no items array in the body',
  );
  // Delete with the ETag just read (or the one created) so the probe leaves no item behind. No ETag to
  // send means no guess either: an ETag names the record's incarnation, so the DELETE fails (428) visibly.
  const etag = read.etag ?? created.etag;
  check(
    'DELETE /items/{id}',
    await ask('DELETE', `/items/${id}`, token, undefined, etag ? { 'if-match': etag } : {}),
    204,
  );
  return checks;
}

/** The first 200 characters of a body, for a failure message. */
function brief(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return (text ?? '(empty)').slice(0, 200);
}

/** One line per check, e.g. `PASS GET /health 200 (35 ms)`. */
export function formatChecks(region: string, checks: readonly ProbeCheck[]): string {
  return checks
    .map(
      (c) =>
        `${c.ok ? 'PASS' : 'FAIL'} ${region} ${c.name} ${c.status} (${c.ms} ms)${c.ok ? '' : `: ${c.detail}`}`,
    )
    .join('\n');
}
