import { DEFAULT_THRESHOLDS } from '../../../lib/constructs/region-alarms';
import { SANDBOX_REPLICATION_ALARM_MS } from '../../../lib/sandbox/replicator';

it("the sandbox's replication alarm uses the CDK app's ReplicationLatency threshold", () => {
  expect(SANDBOX_REPLICATION_ALARM_MS).toBe(DEFAULT_THRESHOLDS.replicationLatencyMs);
});
