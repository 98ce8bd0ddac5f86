import { buildMonitoring } from '../../helpers/monitoring';

describe('RegionDashboard', () => {
  it('is named after the region stack and shows alarms and replication latency', () => {
    const { template } = buildMonitoring();
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'app-eu-west-1' });
    const body = JSON.stringify(
      Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0].Properties.DashboardBody,
    );
    expect(body).toContain('ReplicationLatency');
    expect(body).toContain('AlarmsPostItems5xxRate');
    expect(body).toContain('AlarmsTableSystemErrors');
  });
});
