import { fork } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAppTable, localDynamoClient, startLocalDynamo } from '../../sandbox/local-dynamodb';
import type { BaselineServer } from './baseline-server';

const TABLE_NAME = 'bench-data';

/**
 * Starts dynalite (in this process, as the sandbox does) with the app table, and baseline-worker.ts in a
 * child process; resolves once its server listens. `close` stops both.
 */
export async function startBaselineProcess(timeoutMs = 30_000): Promise<BaselineServer> {
  const dynamo = await startLocalDynamo();
  try {
    await createAppTable(localDynamoClient(dynamo.endpoint), TABLE_NAME);
    const server = await startChild(dynamo.endpoint, timeoutMs);
    return { url: server.url, close: () => server.close().finally(() => dynamo.close()) };
  } catch (e) {
    await dynamo.close();
    throw e;
  }
}

function startChild(endpoint: string, timeoutMs: number): Promise<BaselineServer> {
  const child = fork(join(__dirname, 'baseline-worker.ts'), [], {
    execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href],
    env: { ...process.env, BENCH_DYNAMODB_ENDPOINT: endpoint, BENCH_TABLE_NAME: TABLE_NAME },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise<BaselineServer>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the baseline server did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the baseline server exited with code ${code} before it was ready`));
    });
    child.on('message', (m: { type: string; url?: string; message?: string }) => {
      clearTimeout(timer);
      if (m.type === 'ready' && m.url) resolve({ url: m.url, close });
      else reject(new Error(`the baseline server failed: ${m.message}`));
    });
  });
}
