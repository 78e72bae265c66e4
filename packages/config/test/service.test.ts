import { defineService, taskClientId } from '../src';

describe('defineService', () => {
  const service = defineService({
    name: 'waste-metrics',
    database: 'pcc_waste',
    port: 4004,
    publishes: ['pcc.waste.report.v1'],
    consumes: ['pcc.organizations.organization.v1', 'pcc.waste.report.v1'],
  });

  it('derives the supergraph name, client id and consumer group from the name', () => {
    expect(service.subgraph).toBe('waste_metrics');
    expect(service.clientId).toBe('pcc-waste-metrics');
    expect(service.consumerGroup).toBe('pcc-waste-metrics');
  });

  it('creates each topic once, whether published, consumed or both', () => {
    expect(service.topics).toEqual(['pcc.waste.report.v1', 'pcc.organizations.organization.v1']);
  });

  it('names one-off tasks after the service', () => {
    expect(taskClientId(service, 'seed')).toBe('pcc-waste-metrics-seed');
  });
});
