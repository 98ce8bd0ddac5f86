/**
 * Entry of a region's child process: one region's API Gateway + Lambda, serving the real handlers.
 * A process per region gives each region its own module state (SDK clients, caches, env), as Lambda
 * gives each function its own containers. Started by RegionProcess with `--import tsx`.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { AUTHORIZER_HANDLER, ROUTES } from '../../functions/routes';
import type { ApiIdentity } from './apigw-event';
import type { FunctionFaults } from './function-faults';
import { closeServer, listen, MAX_HEADER_BYTES, problem, sendProblem } from './http-util';
import type { InvocationResult } from './item-route-alarm';
import { foreignHost } from './request-guard';
import { createRestApiListener, type LambdaHandler } from './rest-api-adapter';

/** What the parent tells the worker, as JSON in SANDBOX_WORKER. */
export interface WorkerConfig {
  readonly api: ApiIdentity;
  readonly port: number;
  /** Directory holding the handler files (functions/handlers). */
  readonly handlersDir: string;
  readonly functionNamePrefix: string;
  /** Faults injected into the item-route functions from the start (they survive a restart). */
  readonly faults?: FunctionFaults | null;
}

/** Messages from the parent to the worker. */
export type ParentMessage = { type: 'stop' } | { type: 'faults'; faults: FunctionFaults | null };

/** Messages from the worker to its parent. */
export type WorkerMessage =
  | { type: 'ready'; port: number }
  | { type: 'error'; message: string }
  /** The faults of a `faults` message are in force for every request from now on. */
  | { type: 'faults-applied' }
  /** Item-route requests answered since the last such message (the item-route alarm's data). */
  | { type: 'item-routes'; results: InvocationResult[] };

async function main(): Promise<void> {
  const config = JSON.parse(process.env.SANDBOX_WORKER ?? '{}') as WorkerConfig;
  const cache = new Map<string, Promise<LambdaHandler>>();
  let faults = config.faults ?? null;
  // Item-route results go to the parent in batches, like metrics: one IPC message per 100 ms at most.
  let batch: InvocationResult[] = [];
  const loadHandler = (name: string): Promise<LambdaHandler> => {
    let loaded = cache.get(name);
    if (!loaded) {
      // Loaded on first use, like a Lambda cold start; the module then stays warm.
      loaded = import(join(config.handlersDir, name)).then((mod) => {
        const handler = mod.handler ?? mod.default?.handler;
        if (typeof handler !== 'function') throw new Error(`${name} does not export a handler`);
        return handler as LambdaHandler;
      });
      cache.set(name, loaded);
      loaded.catch(() => cache.delete(name));
    }
    return loaded;
  };
  const listener = createRestApiListener({
    api: config.api,
    routes: ROUTES,
    loadHandler,
    authorizerHandler: AUTHORIZER_HANDLER,
    functionNamePrefix: config.functionNamePrefix,
    faults: () => faults,
    onItemRoute: (r) => {
      batch.push(r);
    },
  });
  setInterval(() => {
    if (batch.length === 0) return;
    send({ type: 'item-routes', results: batch });
    batch = [];
  }, 100).unref();
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    const foreign = foreignHost(req);
    if (foreign) {
      sendProblem(res, problem(403, 'Forbidden', foreign), { 'x-region': config.api.region });
      return;
    }
    listener(req, res).catch((e: Error) =>
      sendProblem(res, problem(500, 'Internal Server Error', e.message), { 'x-region': config.api.region }),
    );
  });
  const send = (m: WorkerMessage) => process.send?.(m);
  try {
    const port = await listen(server, config.port, `API of ${config.api.region}`);
    send({ type: 'ready', port });
  } catch (e) {
    send({ type: 'error', message: (e as Error).message });
    process.exit(1);
  }
  const shutdown = () => void closeServer(server).then(() => process.exit(0));
  // Ctrl-C reaches the whole process group; the parent decides when this region stops.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', shutdown);
  process.on('disconnect', shutdown);
  process.on('message', (m: ParentMessage) => {
    if (m?.type === 'stop') shutdown();
    if (m?.type === 'faults') {
      faults = m.faults;
      send({ type: 'faults-applied' });
    }
  });
}

void main();
