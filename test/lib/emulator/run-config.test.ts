import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateHostedZoneCommand, Route53Client } from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { parseConfig } from '../../../lib/config/app-config';
import { createHostedZone, projectConfigOf, runConfig } from '../../../lib/emulator/run-config';
import { BASE_CONFIG } from '../../helpers/app';

const r53 = mockClient(Route53Client);
// A cdk.json of the tests' own, never the project's (a fork changes that one).
const dir = mkdtempSync(join(tmpdir(), 'run-config-'));
const cdkJson = join(dir, 'cdk.json');
writeFileSync(cdkJson, JSON.stringify({ app: 'npx tsx bin/app.ts', context: { config: BASE_CONFIG } }));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the config an emulator run deploys', () => {
  it("is cdk.json's config as written with only the hosted zone id changed", () => {
    const project = projectConfigOf(cdkJson);
    expect(project).toEqual(JSON.parse(readFileSync(cdkJson, 'utf8')).context.config);
    const run = runConfig(project, 'ZEMULATED');
    const changed = Object.keys(run).filter(
      (k) => JSON.stringify(run[k as keyof typeof run]) !== JSON.stringify(project[k]),
    );
    expect(changed).toEqual(['hostedZoneId']);
    expect(parseConfig(run).hostedZoneId).toBe('ZEMULATED');
  });

  it('creates the public hosted zone a user creates before deploying and returns its bare id', async () => {
    r53.on(CreateHostedZoneCommand).resolves({
      HostedZone: { Id: '/hostedzone/ZABC', Name: 'example.com.', CallerReference: 'x' },
      ChangeInfo: { Id: 'c', Status: 'INSYNC', SubmittedAt: new Date() },
      DelegationSet: { NameServers: [] },
      Location: 'x',
    });
    const config = parseConfig(projectConfigOf(cdkJson));
    expect(await createHostedZone(new Route53Client({ region: 'us-east-1' }), config)).toBe('ZABC');
    expect(r53.commandCalls(CreateHostedZoneCommand)[0].args[0].input.Name).toBe('example.com');
  });
});
