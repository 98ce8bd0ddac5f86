import { Stack } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { testApp } from './app';

/** A stack in its own test app (bundling skipped) with a concrete account and region. */
export function testStack(region = 'us-east-1'): Stack {
  return new Stack(testApp(), 'TestStack', { env: { account: '111111111111', region } });
}

/** A stack plus a KMS key, for constructs that encrypt with one. */
export function stackWithKey(region = 'us-east-1'): { stack: Stack; key: Key } {
  const stack = testStack(region);
  return { stack, key: new Key(stack, 'TestKey') };
}

/** One statement of an IAM policy document as synthesized. */
export interface Statement {
  readonly Action: string | string[];
  readonly Effect: string;
  readonly Resource?: unknown;
  readonly Condition?: unknown;
}

interface CfnResource {
  readonly Type: string;
  readonly Properties?: {
    readonly PolicyDocument?: { Statement: Statement[] };
    readonly Policies?: { PolicyDocument: { Statement: Statement[] } }[];
  };
}

/** Every IAM statement of a template: AWS::IAM::Policy documents and roles' inline policies. */
export function iamStatements(template: { toJSON(): { [key: string]: unknown } }): Statement[] {
  const resources = (template.toJSON().Resources ?? {}) as Record<string, CfnResource>;
  const statements: Statement[] = [];
  for (const r of Object.values(resources)) {
    if (r.Type === 'AWS::IAM::Policy') statements.push(...(r.Properties?.PolicyDocument?.Statement ?? []));
    if (r.Type === 'AWS::IAM::Role') {
      for (const p of r.Properties?.Policies ?? []) statements.push(...p.PolicyDocument.Statement);
    }
  }
  return statements;
}

/** Every action of the statements, flattened. */
export function actionsOf(statements: readonly Statement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}
