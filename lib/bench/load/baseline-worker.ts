/**
 * Entry of the baseline's child process: the bare server, pointed at the dynalite the parent runs
 * (BENCH_DYNAMODB_ENDPOINT). Same layout as the sandbox: load generator and dynalite in the bench
 * process, the server under test in its own process. Started by startBaselineProcess.
 */
import { localDynamoClient } from '../../sandbox/local-dynamodb';
import { startBaselineServer } from './baseline-server';

async function main(): Promise<void> {
  const endpoint = process.env.BENCH_DYNAMODB_ENDPOINT;
  const tableName = process.env.BENCH_TABLE_NAME;
  if (!endpoint || !tableName) throw new Error('BENCH_DYNAMODB_ENDPOINT and BENCH_TABLE_NAME must be set');
  const server = await startBaselineServer(localDynamoClient(endpoint), tableName);
  process.send?.({ type: 'ready', url: server.url });
  const stop = () => void server.close().finally(() => process.exit(0));
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: Error) => {
  process.send?.({ type: 'error', message: e.message });
  process.exit(1);
});
