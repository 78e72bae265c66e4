import { filesOf, freshGateway, type FreshGateway } from './fresh-gateway';

describe("Apollo Gateway's anonymous data collection", () => {
  let gateway: FreshGateway;
  beforeAll(() => {
    gateway = freshGateway();
  });
  const loadedFrom = (name: string) => filesOf(gateway.loaded, name);

  it('is turned off by the gateway itself, without any setting', () => {
    expect(loadedFrom('@apollo/gateway').length).toBeGreaterThan(0);
    expect(gateway.telemetryDisabled).toBe('true');
  });

  it('loads none of its exporter, its cloud detectors, its trace format or the HTTP client the gateway does not use', () => {
    // Each of these is loaded only when Apollo's metrics exporter is created, when a data source or
    // Uplink is built without a fetcher of its own (patches/), or when traces are decoded or encoded
    // for Apollo's usage reporting (patches/ for the gateway's executor; the inline-trace plugin is
    // turned off in server.ts): none happens here.
    for (const name of [
      '@opentelemetry/exporter-metrics-otlp-http',
      '@opentelemetry/sdk-metrics',
      '@opentelemetry/resource-detector-aws',
      '@opentelemetry/resource-detector-gcp',
      '@opentelemetry/semantic-conventions',
      'make-fetch-happen',
      '@apollo/usage-reporting-protobuf',
    ])
      expect({ name, files: loadedFrom(name) }).toEqual({ name, files: [] });
  });
});
