/**
 * Which resources a config change replaces, read from two synthesized templates of the same stack.
 *
 * CREATE_ONLY lists, per resource type the app uses, the properties CloudFormation can set only when it
 * creates the resource (`createOnlyProperties` of each type's CloudFormation resource schema, as shipped
 * with cfn-lint 1.58). Changing one replaces the resource and, for most types, its physical id.
 */
export const CREATE_ONLY: Readonly<Record<string, readonly string[]>> = {
  'AWS::ApiGateway::Authorizer': ['RestApiId'],
  'AWS::ApiGateway::BasePathMapping': ['DomainName', 'BasePath'],
  'AWS::ApiGateway::Deployment': ['DeploymentCanarySettings', 'RestApiId'],
  'AWS::ApiGateway::DomainName': ['DomainName'],
  'AWS::ApiGateway::GatewayResponse': ['ResponseType', 'RestApiId'],
  'AWS::ApiGateway::Method': ['RestApiId', 'ResourceId', 'HttpMethod'],
  'AWS::ApiGateway::Resource': ['PathPart', 'ParentId', 'RestApiId'],
  'AWS::ApiGateway::Stage': ['RestApiId', 'StageName'],
  'AWS::Backup::BackupSelection': ['BackupSelection', 'BackupPlanId'],
  'AWS::Backup::BackupVault': ['BackupVaultName', 'EncryptionKeyArn'],
  'AWS::CertificateManager::Certificate': [
    'SubjectAlternativeNames',
    'DomainValidationOptions',
    'KeyAlgorithm',
    'DomainName',
    'CertificateAuthorityArn',
    'CertificateExport',
  ],
  'AWS::CloudWatch::Alarm': ['AlarmName'],
  'AWS::CloudWatch::CompositeAlarm': ['AlarmName'],
  'AWS::CloudWatch::Dashboard': ['DashboardName'],
  'AWS::Cognito::UserPoolClient': ['GenerateSecret', 'UserPoolId'],
  'AWS::Cognito::UserPoolGroup': ['UserPoolId', 'GroupName'],
  'AWS::DynamoDB::GlobalTable': ['TableName'],
  'AWS::IAM::Role': ['Path', 'RoleName'],
  'AWS::KMS::Alias': ['AliasName'],
  'AWS::Lambda::Function': ['FunctionName', 'PackageType', 'TenancyConfig'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::Route53::HealthCheck': [
    'HealthCheckConfig.Type',
    'HealthCheckConfig.MeasureLatency',
    'HealthCheckConfig.RequestInterval',
  ],
  // The schema lists only the zone; Route 53 identifies a record by name, type and set identifier too.
  'AWS::Route53::RecordSet': ['HostedZoneName', 'HostedZoneId', 'Name', 'Type', 'SetIdentifier'],
  'AWS::SNS::Subscription': ['Endpoint', 'Protocol', 'TopicArn'],
  'AWS::SNS::Topic': ['TopicName', 'FifoTopic'],
  'AWS::WAFv2::LoggingConfiguration': ['ResourceArn'],
  'AWS::WAFv2::WebACL': ['Name', 'Scope'],
  'AWS::WAFv2::WebACLAssociation': ['ResourceArn', 'WebACLArn'],
};

interface CfnTemplate {
  readonly Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  readonly Outputs?: Record<string, { Value: unknown; Export?: unknown }>;
}

const at = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);

/**
 * Logical id → type of every resource of `before` that the change replaces: one whose create-only
 * properties differ, or refer (Ref / Fn::GetAtt) to a replaced resource, or that is gone from `after`
 * (a new logical id is a new resource: the old one is deleted).
 */
export function replacedResources(before: CfnTemplate, after: CfnTemplate): Map<string, string> {
  const replaced = new Map<string, string>();
  for (const [id, prev] of Object.entries(before.Resources ?? {})) {
    const next = after.Resources?.[id];
    if (!next || next.Type !== prev.Type) replaced.set(id, prev.Type);
  }
  const createOnly = (r: { Type: string; Properties?: Record<string, unknown> }) =>
    (CREATE_ONLY[r.Type] ?? []).map((p) => JSON.stringify(at(r.Properties, p)) ?? '');
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, next] of Object.entries(after.Resources ?? {})) {
      const prev = before.Resources?.[id];
      if (!prev || replaced.has(id)) continue;
      const [a, b] = [createOnly(prev), createOnly(next)];
      const refersToReplaced = b.some((v) => [...replaced.keys()].some((r) => referencesId(v, r)));
      if (refersToReplaced || a.some((v, i) => v !== b[i])) {
        replaced.set(id, next.Type);
        grew = true;
      }
    }
  }
  return replaced;
}

const referencesId = (json: string, id: string) =>
  json.includes(`{"Ref":"${id}"}`) || json.includes(`{"Fn::GetAtt":["${id}"`);

/** Logical ids that another stack references strongly: an exported output or a cross-region export writer. */
export function stronglyReferenced(template: CfnTemplate): Set<string> {
  const sources: unknown[] = Object.values(template.Outputs ?? {})
    .filter((o) => o.Export)
    .map((o) => o.Value);
  for (const r of Object.values(template.Resources ?? {})) {
    if (r.Type === 'Custom::CrossRegionExportWriter') sources.push(r.Properties?.WriterProps);
  }
  const ids = new Set<string>();
  const text = JSON.stringify(sources);
  for (const m of text.matchAll(/\{"Ref":"([A-Za-z0-9]+)"\}|\{"Fn::GetAtt":\["([A-Za-z0-9]+)"/g)) {
    ids.add(m[1] ?? m[2]);
  }
  return ids;
}
