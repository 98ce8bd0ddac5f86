import 'aws-sdk-client-mock-jest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListHealthChecksCommand, Route53Client, UpdateHealthCheckCommand } from '@aws-sdk/client-route-53';
import { CredentialsProviderError } from '@smithy/property-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../../lib/drill/main';
import * as localDynamodb from '../../../lib/sandbox-contract/dynamodb-client';
import { BASE_CONFIG } from '../../helpers/app';
import { FakeClock } from './fakes';
import { type FakeSandbox, startFakeSandbox } from './local/fake-sandbox';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('drill CLI', () => {
  let dir: string;
  /** `--config` with the tests' BASE_CONFIG: without it the CLI reads cdk.json, which a fork changes. */
  let testConfig: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'drill-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify(BASE_CONFIG));
    testConfig = ['--config', file];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--help documents the flags and exits 0', async () => {
    const { out, io } = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(out.join('\n')).toMatch(/Usage: npm run drill -- \[options\]/);
  });

  it('exits 2 with the usage on a bad flag', async () => {
    const { err, io } = capture();
    expect(await main(['--target', 'gcp'], io)).toBe(2);
    expect(err.join('\n')).toMatch(/--target must be "aws" or "local"[\s\S]*Usage:/);
  });

  describe('--target aws', () => {
    const r53 = mockClient(Route53Client);
    beforeEach(() => r53.reset());
    afterAll(() => r53.restore());

    it('explains missing credentials when the drill would change something', async () => {
      r53
        .on(ListHealthChecksCommand)
        .rejects(new CredentialsProviderError('Could not load credentials from any providers', false));
      const { out, err, io } = capture();
      expect(await main([...testConfig, '--region', 'eu-west-1', '--execute'], io)).toBe(1);
      expect(err.join('\n')).toMatch(
        /AWS credentials are missing or expired .*aws sso login.*--target local/,
      );
      expect(out.join('\n')).not.toContain('NOT CHECKED');
      expect(r53).not.toHaveReceivedCommand(UpdateHealthCheckCommand);
    });

    it('dry run without credentials: the plan from the config, marked as not checked, and how to add them', async () => {
      // Prepare
      r53
        .on(ListHealthChecksCommand)
        .rejects(new CredentialsProviderError('Could not load credentials from any providers', false));
      const config = join(dir, 'config.json');
      writeFileSync(config, JSON.stringify(BASE_CONFIG));
      const { out, err, io } = capture();
      // Act
      const code = await main(['--config', config, '--region', 'eu-west-1'], io);
      // Assess
      expect(err).toEqual([]);
      expect(code).toBe(0);
      const text = out.join('\n');
      expect(text).toContain(
        'NOT CHECKED AGAINST AN ACCOUNT: no usable AWS credentials (Could not load credentials from any providers).',
      );
      expect(text).toContain(
        '  take out:        eu-west-1 (health check (not looked up), every 10 s, threshold 3)',
      );
      expect(text).toMatch(/2\. wait until it reports unhealthy +expected ~30 s \(interval × threshold\)/);
      expect(text).toMatch(/3\. probe until traffic leaves eu-west-1 +expected ~90 s \(\+ TTL 60 s\)/);
      expect(text).not.toContain('The probe of');
      expect(text).toContain(
        `  AWS_PROFILE=<profile> npm run drill -- --config ${config} --region eu-west-1`,
      );
      expect(text).toContain('  aws configure sso');
      expect(r53).toHaveReceivedCommandTimes(ListHealthChecksCommand, 1);
    });

    it('dry run of a chaos scenario with an expired SSO session: the FIS template it would run, from the config', async () => {
      r53.on(ListHealthChecksCommand).rejects(
        Object.assign(new Error('The SSO session associated with this profile has expired.'), {
          name: 'TokenProviderError',
        }),
      );
      const config = join(dir, 'config.json');
      writeFileSync(config, JSON.stringify({ ...BASE_CONFIG, chaos: { invocationPercentage: 40 } }));
      const { out, io } = capture();
      const code = await main(
        ['--config', config, '--scenario', 'function-errors', '--region', 'eu-west-1'],
        io,
      );
      expect(code).toBe(0);
      const text = out.join('\n');
      expect(text).toContain('NOT CHECKED AGAINST AN ACCOUNT: no usable AWS credentials (The SSO session');
      expect(text).toContain(
        [
          '  injected by:',
          '    FIS experiment template tagged AppName=active-active, AppRegion=eu-west-1, Scenario=function-errors (not looked up)',
          '    action aws:lambda:invocation-error: duration PT10M, invocationPercentage 40 (from config.chaos)',
          `    stop conditions: eu-west-1's "region unhealthy" composite alarm and the shared-hostname canary's alarm`,
        ].join('\n'),
      );
      expect(text).toContain('40 % of item-route invocations fail (502)');
      expect(text).toContain(
        'note: chaos.enabled is false in this config: the app has no FIS experiment templates',
      );
    });

    it('dry run: any error other than credentials is reported, not turned into a plan', async () => {
      r53.on(ListHealthChecksCommand).rejects(
        Object.assign(new Error('User is not authorized to perform route53:ListHealthChecks'), {
          name: 'AccessDenied',
        }),
      );
      const { out, err, io } = capture();
      expect(await main([...testConfig, '--region', 'eu-west-1'], io)).toBe(1);
      expect(err.join('\n')).toBe(
        'drill: AccessDenied: User is not authorized to perform route53:ListHealthChecks',
      );
      expect(out.join('\n')).not.toContain('NOT CHECKED');
    });

    it('rejects an unknown region without calling AWS', async () => {
      const { err, io } = capture();
      expect(await main([...testConfig, '--region', 'mars-east-1', '--execute'], io)).toBe(1);
      expect(err.join('\n')).toContain(
        'Unknown region "mars-east-1": the config\'s regions are us-east-1, eu-west-1',
      );
      expect(r53.calls()).toHaveLength(0);
    });

    it('says so when AWS keeps throttling after the retries', async () => {
      r53
        .on(ListHealthChecksCommand)
        .rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
      const { err, io } = capture();
      expect(await main([...testConfig, '--region', 'eu-west-1'], { ...io, clock: new FakeClock() })).toBe(1);
      expect(err.join('\n')).toMatch(/AWS kept throttling the drill's requests \(Throttling\)/);
      expect(r53).toHaveReceivedCommandTimes(ListHealthChecksCommand, 6);
    });

    it('reports a bad --config file by name', async () => {
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify({ appName: 'X' }));
      const { err, io } = capture();
      expect(await main(['--config', file], io)).toBe(1);
      expect(err.join('\n')).toMatch(/Invalid config .*bad\.json[\s\S]*appName/);
    });
  });

  describe('--target local (fake sandbox)', () => {
    let sandbox: FakeSandbox;
    let endpointsFile: string;
    const local = () => [
      '--target',
      'local',
      '--endpoints',
      endpointsFile,
      '--poll-ms',
      '10',
      '--timeout',
      '20',
    ];
    afterEach(() => sandbox.stop());
    async function start(options: Parameters<typeof startFakeSandbox>[0] = {}) {
      sandbox = await startFakeSandbox(options);
      endpointsFile = join(dir, 'endpoints.json');
      writeFileSync(endpointsFile, JSON.stringify(sandbox.endpoints));
    }

    it('dry run prints the plan and changes nothing', async () => {
      await start();
      const { out, io } = capture();
      expect(await main([...testConfig, ...local(), '--region', 'us-east-1'], io)).toBe(0);
      expect(out.join('\n')).toContain('Dry run: nothing changed');
      expect(sandbox.requests.filter((r) => !r.startsWith('GET /state'))).toEqual([]);
    });

    it('executes, restores and writes the report', async () => {
      await start();
      const report = join(dir, 'report.json');
      const { out, io } = capture();
      const code = await main(
        [...testConfig, ...local(), '--region', 'us-east-1', '--execute', '--report', report],
        io,
      );
      expect(out.join('\n')).toMatch(/Drill PASSED: us-east-1 \(local, latency routing\)/);
      expect(code).toBe(0);
      const json = JSON.parse(readFileSync(report, 'utf8'));
      expect(json).toMatchObject({
        target: 'local',
        region: 'us-east-1',
        mode: 'latency',
        outcome: 'passed',
        restored: true,
        failoverRegion: 'eu-west-1',
        backRegion: 'us-east-1',
        dataCheck: { writtenIn: 'us-east-1', readFrom: 'eu-west-1', found: true },
      });
      for (const m of ['start', 'unhealthy', 'moved', 'restored', 'back']) {
        expect(json.timeline[m].at).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(json.timeline[m].offsetMs).toBeGreaterThanOrEqual(0);
      }
      expect(json.durations.failoverMs).toBeGreaterThan(0);
      expect(sandbox.checks['us-east-1'].inverted).toBe(false);
    });

    it('on a terminal, redraws one status line per wait in place, with elapsed against expected', async () => {
      await start();
      const { out, io } = capture();
      const writes: string[] = [];
      const stream = { isTTY: true, columns: 200, write: (t: string) => writes.push(t) };
      const code = await main(
        [...testConfig, ...local(), '--region', 'us-east-1', '--execute', '--skip-data-check'],
        {
          ...io,
          stream,
        },
      );
      expect(code).toBe(0);
      const clearLine = '\r\x1b[2K';
      const status = writes
        .filter((w) => w.startsWith(`${clearLine}  us-east-1 unhealthy? `))
        .map((w) => w.slice(clearLine.length));
      expect(status.length).toBeGreaterThan(0);
      // expected ~2 s: the fake sandbox's checks run every 1 s with a failure threshold of 2
      expect(status[0]).toMatch(/^ {2}us-east-1 unhealthy\? \d+ s \/ ~2 s [█░]{10} {2}healthy/);
      // the wait's last observation stays as one plain line; no per-probe lines in the log
      expect(out.filter((l) => l.startsWith('  us-east-1 unhealthy?'))).toHaveLength(1);
    });

    it('refuses when another region is unhealthy', async () => {
      await start({ unhealthy: ['eu-west-1'] });
      const { err, io } = capture();
      expect(await main([...testConfig, ...local(), '--region', 'us-east-1', '--execute'], io)).toBe(1);
      expect(err.join('\n')).toMatch(/Refusing to drill: eu-west-1 is unhealthy/);
      expect(sandbox.requests.some((r) => r.startsWith('PUT'))).toBe(false);
    });

    it('restores when the signal the bin wires to SIGINT aborts the drill', async () => {
      await start({ flipAfterPolls: 1000 });
      const controller = new AbortController();
      const { out, err } = capture();
      const code = await main(
        [...testConfig, ...local(), '--region', 'us-east-1', '--execute', '--skip-data-check'],
        {
          signal: controller.signal,
          out: (l) => {
            out.push(l);
            if (l.includes('us-east-1 unhealthy?')) controller.abort(new Error('received SIGINT'));
          },
          err: (l) => err.push(l),
        },
      );
      expect(code).toBe(1);
      expect(out.join('\n')).toMatch(/Drill FAILED[\s\S]*aborted \(received SIGINT\)/);
      expect(sandbox.requests.filter((r) => r.startsWith('PUT'))).toHaveLength(2);
      expect(sandbox.checks['us-east-1'].inverted).toBe(false);
    });

    it("drills the regions the sandbox runs, not the config's (npm start -- --regions 2)", async () => {
      // Prepare: a 3-region config; the sandbox runs only its first two.
      const config = join(dir, 'three.json');
      writeFileSync(
        config,
        JSON.stringify({
          ...BASE_CONFIG,
          regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'],
        }),
      );
      await start();
      const { out, err, io } = capture();
      // Act
      const code = await main([...local(), '--config', config, '--execute', '--region', 'us-east-1'], io);
      // Assess
      expect(err).toEqual([]);
      expect(code).toBe(0);
      expect(out.join('\n')).toMatch(/Drill PASSED: us-east-1 \(local, latency routing\)/);
    });

    it('takes the regions and primary region of a sandbox started with another --config', async () => {
      // Prepare: failover routing between regions the project config does not have.
      await start({
        regions: ['eu-central-1', 'ap-southeast-2'],
        mode: 'failover',
        primaryRegion: 'eu-central-1',
      });
      const { out, err, io } = capture();
      // Act
      const code = await main([...testConfig, ...local(), '--region', 'ap-southeast-2'], io);
      // Assess
      expect(err).toEqual([]);
      expect(code).toBe(0);
      const plan = out.join('\n');
      expect(plan).toContain('Drill plan (local, failover routing)');
      expect(plan).toMatch(/ap-southeast-2 is the secondary, so traffic stays on eu-central-1/);
    });

    describe("with the sandbox's DynamoDB endpoints (data check through the table)", () => {
      let clients: { region: string; destroy: jest.Mock }[];
      beforeEach(() => {
        clients = [];
        const markers = new Set<string>(); // one table: replication is instant here
        jest.spyOn(localDynamodb, 'localDynamoClient').mockImplementation((_endpoint, region = '') => {
          const destroy = jest.fn();
          clients.push({ region, destroy });
          const send = async (command: { input: { Item?: KeyOf; Key?: KeyOf } }) => {
            const { Item, Key } = command.input;
            if (Item) markers.add(Item.pk.S);
            return { Item: Key && markers.has(Key.pk.S) ? Key : undefined };
          };
          return { send, destroy } as unknown as DynamoDBClient;
        });
      });
      afterEach(() => jest.restoreAllMocks());
      type KeyOf = { pk: { S: string } };
      async function startWithTables(options: Parameters<typeof startFakeSandbox>[0] = {}) {
        await start(options);
        const dynamodb = { 'us-east-1': 'http://127.0.0.1:9', 'eu-west-1': 'http://127.0.0.1:9' };
        writeFileSync(endpointsFile, JSON.stringify({ ...sandbox.endpoints, dynamodb }));
      }

      it('keeps one client per region for the drill and destroys them when it passes', async () => {
        // Prepare
        await startWithTables();
        const { out, io } = capture();
        // Act
        const code = await main([...testConfig, ...local(), '--region', 'us-east-1', '--execute'], io);
        // Assess
        expect(out.join('\n')).toMatch(/data check: marker found in eu-west-1/);
        expect(code).toBe(0);
        expect(clients.map((c) => c.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
        for (const c of clients) expect(c.destroy).toHaveBeenCalledTimes(1);
      });

      it('destroys them when the drill is aborted', async () => {
        // Prepare
        await startWithTables({ flipAfterPolls: 1000 });
        const controller = new AbortController();
        // Act
        const code = await main([...testConfig, ...local(), '--region', 'us-east-1', '--execute'], {
          signal: controller.signal,
          out: (l) => {
            if (l.includes('us-east-1 unhealthy?')) controller.abort(new Error('received SIGINT'));
          },
          err: () => {},
        });
        // Assess
        expect(code).toBe(1);
        expect(clients.map((c) => c.region)).toEqual(['us-east-1']);
        expect(clients[0].destroy).toHaveBeenCalledTimes(1);
      });
    });

    it('says to start the sandbox when its endpoints file is missing', async () => {
      await start();
      const { err, io } = capture();
      expect(
        await main([...testConfig, '--target', 'local', '--endpoints', join(dir, 'none.json')], io),
      ).toBe(1);
      expect(err.join('\n')).toMatch(/Cannot read the sandbox endpoints .*npm start/);
    });
  });
});
