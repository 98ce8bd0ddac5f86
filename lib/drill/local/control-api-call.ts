import { DrillError } from '../errors';

/**
 * One call to the running sandbox's control API, as every local drill adapter makes it: JSON in and out,
 * a timeout, and a DrillError that says what to do when the sandbox is not there or refuses.
 */
export async function callControlApi(
  controlUrl: string,
  timeoutMs: number,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const url = `${controlUrl.replace(/\/$/, '')}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    throw new DrillError(
      `Cannot reach the sandbox control API at ${url} (${(e as Error).message}). Is \`npm start\` running?`,
    );
  }
  const text = await res.text();
  if (!res.ok) throw new DrillError(`Sandbox control API ${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}
