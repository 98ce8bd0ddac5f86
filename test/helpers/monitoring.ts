import { Template } from 'aws-cdk-lib/assertions';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Code, Function as LambdaFn, Runtime } from 'aws-cdk-lib/aws-lambda';
import { AlertTopic } from '../../lib/constructs/alert-topic';
import { RegionAlarms } from '../../lib/constructs/region-alarms';
import { RegionDashboard } from '../../lib/constructs/region-dashboard';
import { TEST_ROUTES } from './routes';
import { stackWithKey } from './stack';

/** A region's monitoring (topic, alarms, dashboard) around a small API and two functions. */
export function buildMonitoring(email?: string) {
  const { stack, key } = stackWithKey('eu-west-1');
  const api = new RestApi(stack, 'Api', { cloudWatchRole: false });
  api.root.addMethod('GET', new MockIntegration());
  const fn = (id: string) =>
    new LambdaFn(stack, id, {
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: Code.fromInline('x'),
    });
  const functions = new Map([
    ['health', fn('Health')],
    ['authorizer', fn('Authorizer')],
  ]);
  const topic = new AlertTopic(stack, 'Alerts', { key, email }).topic;
  const alarms = new RegionAlarms(stack, 'Alarms', {
    api,
    routes: TEST_ROUTES,
    functions,
    tableName: 'app-data',
    replicaRegions: ['us-east-1', 'ap-southeast-2'],
    unhealthyAlarmName: 'app-eu-west-1-unhealthy',
    topic,
  });
  new RegionDashboard(stack, 'Dashboard', {
    dashboardName: 'app-eu-west-1',
    api,
    functions,
    tableName: 'app-data',
    replicaRegions: ['us-east-1', 'ap-southeast-2'],
    alarms: alarms.alarms,
  });
  return { stack, key, template: Template.fromStack(stack) };
}
