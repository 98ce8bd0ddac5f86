import type { APIGatewayAuthorizerResult, Statement } from 'aws-lambda';

// A cached policy is evaluated on every request; its few patterns are compiled once.
const patterns = new Map<string, RegExp>();

function wildcard(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) {
    regex = compileWildcard(pattern);
    if (patterns.size >= 1000) patterns.clear();
    patterns.set(pattern, regex);
  }
  return regex;
}

function compileWildcard(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

function asList(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function matches(statement: Statement, arn: string): boolean {
  const s = statement as Statement & { Action?: string | string[]; Resource?: string | string[] };
  const actionOk = asList(s.Action).some((a) => wildcard(a).test('execute-api:Invoke'));
  const resourceOk = asList(s.Resource).some((r) => wildcard(r).test(arn));
  return actionOk && resourceOk;
}

/** IAM evaluation of an authorizer's policy for one method ARN: an explicit Deny wins, else an Allow is needed. */
export function policyAllows(result: APIGatewayAuthorizerResult, arn: string): boolean {
  const statements = result.policyDocument?.Statement ?? [];
  if (statements.some((s) => s.Effect === 'Deny' && matches(s, arn))) return false;
  return statements.some((s) => s.Effect === 'Allow' && matches(s, arn));
}

/** The authorizer context as a proxy event carries it: every value a string, plus `principalId`. */
export function proxyAuthorizerContext(result: APIGatewayAuthorizerResult): Record<string, string> {
  const context: Record<string, string> = { principalId: result.principalId };
  for (const [k, v] of Object.entries(result.context ?? {})) {
    if (v !== null && v !== undefined) context[k] = String(v);
  }
  return context;
}
