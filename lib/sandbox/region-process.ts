import { type ChildProcess, fork } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FunctionFaults } from './function-faults';
import type { InvocationResult } from './item-route-alarm';
import type { ParentMessage, WorkerConfig, WorkerMessage } from './region-worker';

/** Options of one region's API process. */
export interface RegionProcessOptions {
  readonly worker: WorkerConfig;
  /** Environment of the handlers (AWS_REGION, TABLE_NAME, ...), on top of PATH and the like. */
  readonly env: Readonly<Record<string, string>>;
  /** File that receives the handlers' stdout/stderr (their CloudWatch Logs); appended to. */
  readonly logFile?: string;
  /** Also echo the handlers' output to this process's stderr, prefixed with the region. */
  readonly echo?: boolean;
  /** How long to wait for the process to listen. @default 30000 */
  readonly startTimeoutMs?: number;
  /** Told how the region's item-route requests were answered, in batches. @default - not told */
  readonly onItemRoutes?: (results: readonly InvocationResult[]) => void;
}

/** Environment variables never passed to handlers: they would point the SDK at a real account. */
const SCRUBBED = /^(AWS_|NODE_OPTIONS$)/;

/** A region's API server in its own child process; stop() really stops it, start() cold-starts it again. */
export class RegionProcess {
  private child: ChildProcess | undefined;
  private log: WriteStream | undefined;
  private boundPort: number;
  private currentFaults: FunctionFaults | null;

  constructor(private readonly options: RegionProcessOptions) {
    this.boundPort = options.worker.port;
    this.currentFaults = options.worker.faults ?? null;
  }

  /** Faults injected into the item-route functions; null when none. */
  get faults(): FunctionFaults | null {
    return this.currentFaults;
  }

  /**
   * Injects (or with null clears) faults in the item-route functions. They are kept across stop/start,
   * as FIS's configuration stays in place while a function is redeployed or cold-starts.
   */
  async setFaults(faults: FunctionFaults | null): Promise<void> {
    this.currentFaults = faults;
    const child = this.child;
    if (!child?.connected) return;
    const message: ParentMessage = { type: 'faults', faults };
    // Resolves once the worker has them, so the next request already sees them.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`${this.region} did not take the faults in 5 s`)), 5000);
      const onMessage = (m: WorkerMessage) => m.type === 'faults-applied' && done();
      const onExit = () => done(); // stopped meanwhile: the faults apply at its next start
      function done(e?: Error) {
        clearTimeout(timer);
        child?.off('message', onMessage);
        child?.off('exit', onExit);
        if (e) reject(e);
        else resolve();
      }
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send(message, (e) => e && done(e));
    });
  }

  get region(): string {
    return this.options.worker.api.region;
  }

  get up(): boolean {
    return this.child !== undefined;
  }

  get url(): string {
    return `http://127.0.0.1:${this.boundPort}`;
  }

  async start(): Promise<void> {
    if (this.child) return;
    if (this.options.logFile && !this.log) {
      mkdirSync(dirname(this.options.logFile), { recursive: true });
      this.log = createWriteStream(this.options.logFile, { flags: 'a' });
    }
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !SCRUBBED.test(k)) env[k] = v;
    const worker: WorkerConfig = { ...this.options.worker, port: this.boundPort, faults: this.currentFaults };
    const child = fork(join(__dirname, 'region-worker.ts'), [], {
      execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href],
      env: { ...env, ...this.options.env, SANDBOX_WORKER: JSON.stringify(worker) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        this.log?.write(chunk);
        if (this.options.echo) process.stderr.write(prefixLines(`[${this.region}] `, chunk.toString('utf8')));
      });
    }
    this.child = child;
    child.on('message', (m: WorkerMessage) => {
      if (m.type === 'item-routes') this.options.onItemRoutes?.(m.results);
    });
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    try {
      this.boundPort = await waitReady(child, this.options.startTimeoutMs ?? 30_000);
    } catch (e) {
      child.kill('SIGKILL');
      this.child = undefined;
      throw e;
    }
  }

  /** Stops the process: asks politely, then kills it after `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (child.connected) child.send({ type: 'stop' } satisfies ParentMessage);
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /** Closes the log file; call after stop(). */
  async dispose(): Promise<void> {
    await this.stop();
    const log = this.log;
    this.log = undefined;
    if (log) await new Promise<void>((resolve) => log.end(() => resolve()));
  }
}

function waitReady(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`region API did not start within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (m: WorkerMessage) => {
      if (m.type === 'ready') done(undefined, m.port);
      else if (m.type === 'error') done(new Error(m.message));
    };
    const onExit = (code: number | null) =>
      done(new Error(`region API exited during start-up (code ${code})`));
    function done(err?: Error, port?: number) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve(port as number);
    }
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

function prefixLines(prefix: string, text: string): string {
  return text.replace(/^(?=.)/gm, prefix);
}
