import 'aws-sdk-client-mock-jest';
import {
  GetHealthCheckStatusCommand,
  ListHealthChecksCommand,
  ListTagsForResourcesCommand,
  Route53Client,
  UpdateHealthCheckCommand,
} from '@aws-sdk/client-route-53';
import { mockClient } from 'aws-sdk-client-mock';
import { Route53HealthCheckControl } from '../../../../lib/drill/aws/route53-control';
import { DrillError, NoHealthChecksError } from '../../../../lib/drill/errors';
import { observations } from '../fakes';

const r53 = mockClient(Route53Client);
const control = () => new Route53HealthCheckControl(new Route53Client({ region: 'us-east-1' }), 'shop');

const check = (Id: string, config: Record<string, unknown> = {}) => ({
  Id,
  CallerReference: Id,
  HealthCheckVersion: 1,
  HealthCheckConfig: { Type: 'HTTPS' as const, RequestInterval: 30, FailureThreshold: 3, ...config },
});
const tagSet = (id: string, app: string, region: string) => ({
  ResourceType: 'healthcheck' as const,
  ResourceId: id,
  Tags: [
    { Key: 'AppName', Value: app },
    { Key: 'AppRegion', Value: region },
  ],
});

beforeEach(() => r53.reset());

describe('findChecks', () => {
  it('pages through every health check and keeps those tagged with the app and region', async () => {
    // 12 checks on two pages: tags are asked for in batches of at most 10 ids.
    const page1 = Array.from({ length: 11 }, (_, i) => check(`hc-${i}`));
    r53
      .on(ListHealthChecksCommand)
      .resolvesOnce({ HealthChecks: page1, IsTruncated: true, NextMarker: 'm2', Marker: '', MaxItems: 11 })
      .resolvesOnce({
        HealthChecks: [check('hc-eu', { RequestInterval: 10, FailureThreshold: 2 })],
        IsTruncated: false,
        Marker: 'm2',
        MaxItems: 11,
      });
    r53.on(ListTagsForResourcesCommand).callsFake(({ ResourceIds }: { ResourceIds: string[] }) => ({
      ResourceTagSets: ResourceIds.map((id) =>
        id === 'hc-3'
          ? tagSet(id, 'shop', 'us-east-1')
          : id === 'hc-eu'
            ? tagSet(id, 'shop', 'eu-west-1')
            : tagSet(id, 'other-app', 'us-east-1'),
      ),
    }));

    const found = await control().findChecks(['us-east-1', 'eu-west-1']);

    expect(found.get('us-east-1')).toEqual({
      region: 'us-east-1',
      id: 'hc-3',
      intervalSeconds: 30,
      failureThreshold: 3,
    });
    expect(found.get('eu-west-1')).toEqual({
      region: 'eu-west-1',
      id: 'hc-eu',
      intervalSeconds: 10,
      failureThreshold: 2,
    });
    expect(r53).toHaveReceivedNthCommandWith(2, ListHealthChecksCommand, { Marker: 'm2' });
    const batches = r53
      .commandCalls(ListTagsForResourcesCommand)
      .map((c) => c.args[0].input.ResourceIds?.length);
    expect(batches).toEqual([10, 2]);
  });

  it('names every region without a tagged check', async () => {
    r53
      .on(ListHealthChecksCommand)
      .resolves({ HealthChecks: [check('hc-1')], IsTruncated: false, Marker: '', MaxItems: 100 });
    r53.on(ListTagsForResourcesCommand).resolves({ ResourceTagSets: [tagSet('hc-1', 'shop', 'us-east-1')] });
    await expect(control().findChecks(['us-east-1', 'eu-west-1', 'ap-south-1'])).rejects.toThrow(
      /No health check found for eu-west-1, ap-south-1 \(app "shop"/,
    );
  });

  it('refuses to guess between two checks tagged for one region', async () => {
    r53.on(ListHealthChecksCommand).resolves({
      HealthChecks: [check('hc-a'), check('hc-b')],
      IsTruncated: false,
      Marker: '',
      MaxItems: 100,
    });
    r53.on(ListTagsForResourcesCommand).resolves({
      ResourceTagSets: [tagSet('hc-a', 'shop', 'us-east-1'), tagSet('hc-b', 'shop', 'us-east-1')],
    });
    await expect(control().findChecks(['us-east-1'])).rejects.toThrow(NoHealthChecksError);
    await expect(control().findChecks(['us-east-1'])).rejects.toThrow(/found 2: hc-a, hc-b/);
  });
});

describe('status and setInverted', () => {
  async function found(config: Record<string, unknown> = {}) {
    r53
      .on(ListHealthChecksCommand)
      .resolves({ HealthChecks: [check('hc-1', config)], IsTruncated: false, Marker: '', MaxItems: 100 });
    r53.on(ListTagsForResourcesCommand).resolves({ ResourceTagSets: [tagSet('hc-1', 'shop', 'us-east-1')] });
    const c = control();
    const ref = (await c.findChecks(['us-east-1'])).get('us-east-1');
    if (!ref) throw new Error('not found');
    return { c, ref };
  }

  it.each([
    [16, true],
    [3, true], // 18.75 % > 18 %
    [2, false], // 12.5 %
    [0, false],
  ])('with %i of 16 checkers reporting success the check is healthy=%s', async (ok, healthy) => {
    const { c, ref } = await found();
    r53.on(GetHealthCheckStatusCommand).resolves({ HealthCheckObservations: observations(ok) });
    expect((await c.status(ref)).healthy).toBe(healthy);
  });

  it('applies Inverted to what the checkers report, as Route 53 does', async () => {
    const { c, ref } = await found();
    r53.on(GetHealthCheckStatusCommand).resolves({ HealthCheckObservations: observations(16) });
    await c.setInverted(ref, true);
    expect(await c.status(ref)).toMatchObject({ healthy: false, inverted: true });
    await c.setInverted(ref, false);
    expect(await c.status(ref)).toMatchObject({ healthy: true, inverted: false });
    expect(r53).toHaveReceivedCommandWith(UpdateHealthCheckCommand, {
      HealthCheckId: 'hc-1',
      Inverted: true,
    });
    for (const call of r53.commandCalls(UpdateHealthCheckCommand)) {
      expect(call.args[0].input).not.toHaveProperty('Disabled');
    }
  });

  it('reads a disabled check as healthy whatever the checkers say (so the drill must refuse it)', async () => {
    const { c, ref } = await found({ Disabled: true });
    r53.on(GetHealthCheckStatusCommand).resolves({ HealthCheckObservations: observations(0) });
    expect(await c.status(ref)).toMatchObject({ healthy: true, disabled: true });
  });

  it('treats a check no checker has reported on yet as unhealthy', async () => {
    const { c, ref } = await found();
    r53.on(GetHealthCheckStatusCommand).resolves({ HealthCheckObservations: [] });
    expect(await c.status(ref)).toMatchObject({ healthy: false, detail: 'no checker has reported yet' });
  });
});

describe('calculated routing health (healthCheck.itemRouteAlarm)', () => {
  const alarmCheck = (Id: string, Name: string) => ({
    Id,
    CallerReference: Id,
    HealthCheckVersion: 1,
    HealthCheckConfig: {
      Type: 'CLOUDWATCH_METRIC' as const,
      AlarmIdentifier: { Name, Region: 'us-east-1' as const },
      InsufficientDataHealthStatus: 'Healthy' as const,
    },
  });
  const calculated = (Id: string, children: string[], threshold = children.length) => ({
    Id,
    CallerReference: Id,
    HealthCheckVersion: 1,
    HealthCheckConfig: {
      Type: 'CALCULATED' as const,
      ChildHealthChecks: children,
      HealthThreshold: threshold,
    },
  });
  const ERRORS = 'shop-us-east-1-routing-GetItems-errors-1a2b3c4d';
  const LATENCY = 'shop-us-east-1-routing-GetItems-latency-5e6f7a8b';

  function deployed(routing = calculated('hc-calc', ['hc-https', 'hc-err', 'hc-lat'])) {
    const checks = [check('hc-https'), alarmCheck('hc-err', ERRORS), alarmCheck('hc-lat', LATENCY), routing];
    r53
      .on(ListHealthChecksCommand)
      .resolves({ HealthChecks: checks, IsTruncated: false, Marker: '', MaxItems: 100 });
    // Every check of the region carries the app's tags (the stack tags them all).
    r53.on(ListTagsForResourcesCommand).resolves({
      ResourceTagSets: checks.map((c) => tagSet(c.Id, 'shop', 'us-east-1')),
    });
  }

  it('finds the /health check to invert and the calculated check the records follow, with its alarm checks', async () => {
    deployed();
    const found = await control().findChecks(['us-east-1']);
    expect(found.get('us-east-1')).toEqual({
      region: 'us-east-1',
      id: 'hc-https',
      intervalSeconds: 30,
      failureThreshold: 3,
      routing: {
        id: 'hc-calc',
        alarmChecks: [
          { id: 'hc-err', alarmName: ERRORS },
          { id: 'hc-lat', alarmName: LATENCY },
        ],
      },
    });
  });

  it('refuses a calculated check that would stay healthy with the /health check inverted', async () => {
    deployed(calculated('hc-calc', ['hc-https', 'hc-err', 'hc-lat'], 2));
    await expect(control().findChecks(['us-east-1'])).rejects.toThrow(DrillError);
    await expect(control().findChecks(['us-east-1'])).rejects.toThrow(/HealthThreshold 2 of 3/);
  });

  async function withStatus(statuses: Record<string, number>) {
    deployed();
    const c = control();
    const ref = (await c.findChecks(['us-east-1'])).get('us-east-1');
    if (!ref) throw new Error('not found');
    r53.on(GetHealthCheckStatusCommand).callsFake(({ HealthCheckId }: { HealthCheckId: string }) => ({
      HealthCheckObservations: observations(statuses[HealthCheckId]),
    }));
    return { c, ref };
  }

  it('is healthy only while /health and every alarm check are, and never asks for the calculated status', async () => {
    const { c, ref } = await withStatus({ 'hc-https': 16, 'hc-err': 16, 'hc-lat': 16 });
    expect(await c.status(ref)).toEqual({
      region: 'us-east-1',
      healthy: true,
      inverted: false,
      disabled: false,
      detail:
        'routing health = calculated(https: 16/16 checkers see the endpoint healthy; item-route alarms: 2/2 healthy)',
    });
    const asked = r53
      .commandCalls(GetHealthCheckStatusCommand)
      .map((call) => call.args[0].input.HealthCheckId);
    expect(asked).toEqual(['hc-https', 'hc-err', 'hc-lat']);
  });

  it('names the alarm that takes the region out while /health passes', async () => {
    const { c, ref } = await withStatus({ 'hc-https': 16, 'hc-err': 0, 'hc-lat': 16 });
    expect(await c.status(ref)).toMatchObject({
      healthy: false,
      inverted: false,
      detail: `routing health = calculated(https: 16/16 checkers see the endpoint healthy; item-route alarms: 1/2 healthy, unhealthy: ${ERRORS})`,
    });
  });

  it('inverts the /health check (its id), which takes the calculated check out', async () => {
    const { c, ref } = await withStatus({ 'hc-https': 16, 'hc-err': 16, 'hc-lat': 16 });
    r53.on(UpdateHealthCheckCommand).resolves({});
    await c.setInverted(ref, true);
    expect(r53.commandCalls(UpdateHealthCheckCommand).map((call) => call.args[0].input)).toEqual([
      { HealthCheckId: 'hc-https', Inverted: true },
    ]);
    r53.resetHistory();
    expect(await c.status(ref)).toEqual({
      region: 'us-east-1',
      healthy: false,
      inverted: true,
      disabled: false,
      detail:
        'routing health = calculated(https: 16/16 checkers see the endpoint healthy (inverted); item-route alarms: 2 not read)',
    });
    // Out through /health: the alarm checks are not asked (Route 53 API request rate).
    expect(r53.commandCalls(GetHealthCheckStatusCommand).map((call) => call.args[0].input)).toEqual([
      { HealthCheckId: 'hc-https' },
    ]);
  });
});
