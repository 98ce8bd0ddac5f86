import { APIGatewayClient, GetAccountCommand, UpdateAccountCommand } from '@aws-sdk/client-api-gateway';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';

/**
 * Custom resource `Custom::ApiGatewayCloudWatchRole`: makes sure this region's API Gateway account settings
 * hold a CloudWatch Logs role, which a stage that writes access logs needs before it can be created.
 *
 * The setting is one per account and region and shared by every API there, so this handler never fights
 * other apps over it: it sets `RoleArn` only while no role is set, keeps whatever role is already set, and
 * leaves the setting alone when the stack is deleted (other APIs may rely on it by then).
 */

/** What the handler reports back to CloudFormation (readable with `Fn::GetAtt`). */
export interface CloudWatchRoleResult {
  /** The role the account settings hold after this call. */
  readonly CloudWatchRoleArn: string;
  /** `true` when that is this stack's role, `false` when another app's role was already set. */
  readonly UsesThisStackRole: 'true' | 'false';
}

/** Timing of the retries while IAM propagates a newly created role. */
export interface RetryTiming {
  readonly attempts: number;
  readonly delayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

const DEFAULT_TIMING: RetryTiming = {
  attempts: 12,
  delayMs: 5000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Stable physical id: there is exactly one such setting per account and region. */
export const PHYSICAL_ID = 'apigateway-account-cloudwatch-role';

/**
 * Sets `roleArn` as the account's CloudWatch role unless one is already set. A role created moments ago
 * may not be assumable by API Gateway yet ("does not have required permissions"), so that error is retried.
 */
export async function ensureCloudWatchRole(
  client: APIGatewayClient,
  roleArn: string,
  timing: RetryTiming = DEFAULT_TIMING,
): Promise<CloudWatchRoleResult> {
  const current = (await client.send(new GetAccountCommand({}))).cloudwatchRoleArn;
  if (current)
    return { CloudWatchRoleArn: current, UsesThisStackRole: current === roleArn ? 'true' : 'false' };
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(
        new UpdateAccountCommand({
          patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: roleArn }],
        }),
      );
      return { CloudWatchRoleArn: roleArn, UsesThisStackRole: 'true' };
    } catch (e) {
      const propagating = e instanceof Error && /required permissions|assume/i.test(e.message);
      if (!propagating || attempt >= timing.attempts) throw e;
      await timing.sleep(timing.delayMs);
    }
  }
}

/** The body CloudFormation expects at the pre-signed `ResponseURL`. */
export function responseBody(
  event: CloudFormationCustomResourceEvent,
  outcome: { ok: true; data: CloudWatchRoleResult } | { ok: false; reason: string },
): string {
  return JSON.stringify({
    Status: outcome.ok ? 'SUCCESS' : 'FAILED',
    Reason: outcome.ok ? 'OK' : outcome.reason.slice(0, 1000),
    PhysicalResourceId: PHYSICAL_ID,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: outcome.ok ? outcome.data : undefined,
  });
}

let client: APIGatewayClient | undefined;

export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  let body: string;
  try {
    if (event.RequestType === 'Delete') {
      // Never unset: by now other APIs of the account may log through this role (it is retained too).
      body = responseBody(event, { ok: true, data: { CloudWatchRoleArn: '', UsesThisStackRole: 'false' } });
    } else {
      client ??= new APIGatewayClient({});
      const data = await ensureCloudWatchRole(client, String(event.ResourceProperties.RoleArn));
      body = responseBody(event, { ok: true, data });
    }
  } catch (e) {
    body = responseBody(event, { ok: false, reason: e instanceof Error ? e.message : String(e) });
  }
  // CloudFormation waits (up to an hour) until this PUT arrives, so it is sent whatever happened above.
  const res = await fetch(event.ResponseURL, {
    method: 'PUT',
    body,
    headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) },
  });
  if (!res.ok) throw new Error(`CloudFormation refused the response: HTTP ${res.status}`);
}
