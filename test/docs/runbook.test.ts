import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../helpers/app';

/**
 * Every resource name and command argument in docs/RUNBOOK.md's restore procedures (PITR, AWS Backup
 * copy, KMS, Cognito) must name what the synthesized templates create, for the config the runbook says
 * its examples use: app `active-active`, regions us-east-1 (primary) and eu-west-1, account 111111111111.
 * Names are read out of the runbook's text, so renaming a resource in code or docs alone fails here.
 */
const runbook = readFileSync(join(__dirname, '../../docs/RUNBOOK.md'), 'utf8');
/** §1 to §5, up to the restores; adding and removing regions (§8, §9) is checked against the preflight. */
const restores = runbook.slice(0, runbook.indexOf('\n## 6.'));
const { config, stacks } = buildApp({ pitrRecoveryDays: 35 });
const templateOf = (region: string) => {
  const stack = stacks.regional.get(region);
  if (!stack) throw new Error(`no stack for ${region}`);
  return Template.fromStack(stack);
};
const templates = new Map(config.regions.map((r) => [r, templateOf(r)]));
const primary = templates.get(config.primaryRegion) as Template;
const identity = Template.fromStack(stacks.identity);

/** Every distinct value of `--flag value` (or `--flag=value`) in the runbook's restores. */
const argsOf = (flag: string) => [
  ...new Set([...restores.matchAll(new RegExp(`${flag}[ =]([^\\s\`'"\\\\]+)`, 'g'))].map((m) => m[1])),
];
/** The single resource of a type in a template (fails if there are several). */
const only = (t: Template, type: string) => {
  const found = Object.entries(t.findResources(type));
  expect(found).toHaveLength(1);
  return { logicalId: found[0][0], props: found[0][1].Properties };
};
/** Every KMS alias name a template creates. */
const aliasesOf = (t: Template) =>
  Object.values(t.findResources('AWS::KMS::Alias')).map((r) => r.Properties.AliasName as string);
/** The data key's alias (the table's key) in a template. */
const dataAlias = (t: Template) => {
  const found = Object.entries(t.findResources('AWS::KMS::Alias')).filter(([id]) =>
    id.startsWith('DataKeyAlias'),
  );
  expect(found).toHaveLength(1);
  return found[0][1].Properties.AliasName as string;
};
/** The runbook's `<appName>` placeholders filled in from the config. */
const fill = (s: string, region = config.primaryRegion) =>
  s
    .replaceAll('<appName>', config.appName)
    .replaceAll('<region>', region)
    .replaceAll('<primaryRegion>', config.primaryRegion)
    .replaceAll('<domainName>', config.domainName);
/** The name the runbook's table of names gives a thing (second column, between backticks). */
const nameFor = (thing: RegExp) => {
  const row = runbook.split('\n').find((l) => l.startsWith('|') && thing.test(l.split('|')[1] ?? ''));
  if (!row) throw new Error(`docs/RUNBOOK.md names no ${thing}`);
  const cell = row.split('|')[2];
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
};

describe('docs/RUNBOOK.md names what the templates create', () => {
  it('says which config its examples use, and that is the one checked here', () => {
    expect(runbook).toContain(`\`appName\` \`${config.appName}\``);
    expect(runbook).toContain(`regions \`${config.regions[0]}\` (primary)`);
    expect(runbook).toContain(`\`domainName\`\n\`${config.domainName}\``);
  });

  it('the table of names: table, key alias, stacks, vaults, user pool and health checks', () => {
    const table = only(primary, 'AWS::DynamoDB::GlobalTable').props;
    expect(nameFor(/^ Table \(global table/).map((n) => fill(n))).toEqual([table.TableName]);
    for (const [region, t] of templates) {
      expect(nameFor(/Table KMS key/).map((n) => fill(n, region))).toEqual([dataAlias(t)]);
      expect(nameFor(/Regional stack/).map((n) => fill(n, region))).toEqual([
        stacks.regional.get(region)?.stackName,
      ]);
      const [appTag, regionTag, url] = nameFor(/Health check of a region/).map((n) => fill(n, region));
      const checks = Object.values(t.findResources('AWS::Route53::HealthCheck')).map((c) => c.Properties);
      const https = checks.filter((c) => c.HealthCheckConfig.Type === 'HTTPS');
      expect(https).toHaveLength(1);
      const check = https[0];
      expect(
        `https://${check.HealthCheckConfig.FullyQualifiedDomainName}${check.HealthCheckConfig.ResourcePath}`,
      ).toBe(url);
      expect([appTag, regionTag]).toEqual([`AppName=${config.appName}`, `AppRegion=${region}`]);
      expect(check.HealthCheckTags).toEqual(
        expect.arrayContaining([
          { Key: 'AppName', Value: config.appName },
          { Key: 'AppRegion', Value: region },
        ]),
      );
      const [calculatedType, routingName, alarmType, alarmName] = nameFor(/Routing health of a region/).map(
        (n) => fill(n, region),
      );
      const routing = checks.filter((c) => c.HealthCheckConfig.Type === calculatedType);
      expect(routing).toHaveLength(1);
      expect(routing[0].HealthCheckTags).toEqual(
        expect.arrayContaining([
          { Key: 'Name', Value: routingName },
          { Key: 'AppName', Value: config.appName },
          { Key: 'AppRegion', Value: region },
        ]),
      );
      expect(checks.filter((c) => c.HealthCheckConfig.Type === alarmType).length).toBeGreaterThan(0);
      const pattern = new RegExp(
        `^${alarmName
          .replace('<Route>', '[A-Za-z]+')
          .replace('<errors or latency>', '(errors|latency)')
          .replace('<hash>', '[0-9a-f]{8}')}$`,
      );
      const named = Object.values(t.findResources('AWS::CloudWatch::Alarm'))
        .map((a) => a.Properties.AlarmName as string | undefined)
        .filter((n) => n?.includes('-routing-'));
      expect(named.length).toBeGreaterThan(0);
      for (const n of named) expect(n).toMatch(pattern);
    }
    expect(nameFor(/^ Backup vault \(primary/).map((n) => fill(n))).toEqual([
      only(primary, 'AWS::Backup::BackupVault').props.BackupVaultName,
    ]);
    const copy = templates.get(config.backup.copyRegion) as Template;
    expect(nameFor(/Backup copy vault/).map((n) => fill(n))).toEqual([
      only(copy, 'AWS::Backup::BackupVault').props.BackupVaultName,
    ]);
    expect(nameFor(/Cognito user pool/).map((n) => fill(n))).toEqual([
      only(identity, 'AWS::Cognito::UserPool').props.UserPoolName,
    ]);
    expect(stacks.identity.region).toBe(config.primaryRegion);
  });

  it('PITR commands: the live table, its key alias, its key attributes, stream view and TTL attribute', () => {
    const table = only(primary, 'AWS::DynamoDB::GlobalTable').props;
    const live = table.TableName;
    const tableNames = [...argsOf('--table-name'), ...argsOf('--source-table-name')];
    expect(tableNames).toContain(live);
    // Every other table the commands touch is a scratch restore target, never another live name.
    for (const name of tableNames.filter((n) => n !== live))
      expect(name).toMatch(new RegExp(`^${live}-restore`));
    expect(argsOf('--target-table-name')).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${live}-restore`)), live]),
    );
    const alias = dataAlias(primary);
    expect([
      ...new Set([...runbook.matchAll(/KMSMasterKeyId[=":]+(alias\/[\w-]+)/g)].map((m) => m[1])),
    ]).toEqual([alias]);
    expect(argsOf('--key-id').filter((k) => k.startsWith('alias/'))).toEqual([alias]);
    // The repair loop keys items by {pk, sk}: the table's key schema.
    const keyNames = /jq -c '\{(\w+), (\w+)\}'/.exec(runbook)?.slice(1);
    expect(keyNames).toEqual(table.KeySchema.map((k: { AttributeName: string }) => k.AttributeName));
    expect(runbook).toContain(`attribute_not_exists(${table.KeySchema[0].AttributeName})`);
    // Re-creating the global table: the stream view and TTL attribute the template sets.
    expect(argsOf('--stream-specification')).toEqual([
      `StreamEnabled=true,StreamViewType=${table.StreamSpecification.StreamViewType}`,
    ]);
    expect(runbook).toContain(`TTL on \`${table.TimeToLiveSpecification.AttributeName}\``);
    // The replica the runbook re-adds is one the template has, with the key the runbook names.
    const replicaUpdate = /--replica-updates\s+'([^']+)'/.exec(runbook)?.[1] as string;
    const [{ Create }] = JSON.parse(replicaUpdate) as {
      Create: { RegionName: string; KMSMasterKeyId: string };
    }[];
    const replica = table.Replicas.find((r: { Region: string }) => r.Region === Create.RegionName);
    expect(replica).toBeDefined();
    expect(JSON.stringify(replica.SSESpecification.KMSMasterKeyId)).toContain(Create.KMSMasterKeyId);
  });

  it('AWS Backup commands: each vault name exists in the region the command names; the copy vault and its key', () => {
    const copyRegion = config.backup.copyRegion;
    const copy = templates.get(copyRegion) as Template;
    const copyVault = only(copy, 'AWS::Backup::BackupVault').props.BackupVaultName;
    // Every `aws backup ... --region R ... --backup-vault-name V` (continuation lines joined): V is in R.
    const commands = runbook
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .filter((l) => /aws backup [\w-]+/.test(l) && l.includes('--backup-vault-name'));
    expect(commands.length).toBeGreaterThanOrEqual(3);
    for (const line of commands) {
      const region = fill(/--region (\S+)/.exec(line)?.[1] ?? '');
      const vault = fill(/--backup-vault-name (\S+)/.exec(line)?.[1] ?? '');
      const t = templates.get(region);
      expect(t).toBeDefined();
      const vaults = Object.values(t?.findResources('AWS::Backup::BackupVault') ?? {}).map(
        (r) => r.Properties.BackupVaultName,
      );
      expect(vaults).toContain(vault);
    }
    expect(commands.some((l) => l.includes(`--backup-vault-name ${copyVault}`))).toBe(true);
    // Every alias the runbook names (filled in) exists in the templates; the copy vault's own key among them.
    const aliases = [...new Set([...runbook.matchAll(/alias\/[<>\w-]+/g)].map((m) => fill(m[0])))];
    const all = [...templates.values()].flatMap(aliasesOf);
    for (const a of aliases) expect(all).toContain(a);
    const copyKeyAlias = aliases.find((a) => a !== dataAlias(copy) && aliasesOf(copy).includes(a));
    expect(copyKeyAlias).toBeDefined();
    // The restore role: the primary stack's backup selection role, found by its logical id prefix.
    expect(argsOf('--stack-name')).toEqual([stacks.regional.get(config.primaryRegion)?.stackName]);
    const prefix = /starts_with\(LogicalResourceId,'(\w+)'\)/.exec(runbook)?.[1] as string;
    const roles = Object.keys(primary.findResources('AWS::IAM::Role')).filter((id) => id.startsWith(prefix));
    expect(roles).toHaveLength(1);
    const selection = only(primary, 'AWS::Backup::BackupSelection').props;
    expect(selection.BackupSelection.IamRoleArn).toEqual({ 'Fn::GetAtt': [roles[0], 'Arn'] });
    expect(runbook).toContain(`arn:aws:iam::${config.account}:role/$ROLE`);
  });

  it('the backup schedule and windows it states', () => {
    const [rule] = only(primary, 'AWS::Backup::BackupPlan').props.BackupPlan.BackupPlanRule;
    expect(runbook).toContain('AWS Backup, daily at 03:00 UTC');
    expect(rule.ScheduleExpression).toBe('cron(0 3 * * ? *)');
    expect(rule.Lifecycle.DeleteAfterDays).toBe(config.backup.retentionDays);
    expect(rule.CopyActions[0].Lifecycle.DeleteAfterDays).toBe(config.backup.copyRetentionDays);
    expect(runbook).toContain(`\`backup.retentionDays\` (default ${config.backup.retentionDays})`);
    expect(runbook).toContain(`\`backup.copyRetentionDays\` (default ${config.backup.copyRetentionDays})`);
  });
});
