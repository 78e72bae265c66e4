import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { activeTraceparent, contextOf, inSpan, stopTelemetry } from '../src';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { defaultServiceName, recordSpansInMemory, startTelemetry, telemetryConfigured } from '../src/sdk';

/** Runs the built `register` in a fresh Node.js process and tells whether it loaded the SDK. */
function registerLoadsSdk(env: NodeJS.ProcessEnv): boolean {
  const withoutOtel = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OTEL_')));
  const script = `require(${JSON.stringify(join(__dirname, '..', 'dist', 'register.js'))});
    const loaded = Object.keys(require.cache).some((file) => file.includes('@opentelemetry/sdk-node'));
    process.stdout.write(String(loaded));
    require(${JSON.stringify(join(__dirname, '..', 'dist', 'index.js'))}).stopTelemetry();`;
  const out = execFileSync(process.execPath, ['-e', script], { env: { ...withoutOtel, ...env }, encoding: 'utf8' });
  return JSON.parse(out.trim()) as boolean;
}

describe('telemetry start-up', () => {
  afterEach(() => stopTelemetry());

  it('starts no SDK without OTEL_* configuration: spans are not recorded, no context is written', () => {
    expect(startTelemetry({ env: {} })).toBeUndefined();
    const span = trace.getTracer('test').startSpan('nothing');
    expect(span.isRecording()).toBe(false);
    span.end();
    expect(activeTraceparent()).toBeUndefined();
  });

  it.each([
    [{}, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_TRACES_EXPORTER: 'console' }, true],
    [{ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, false],
    [{ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, false],
  ])('is configured by %j: %s', (env, expected) => {
    expect(telemetryConfigured(env)).toBe(expected);
  });

  it('loads the SDK at all only when OTEL_* configures it (its ~1,900 modules would sit on every heap)', () => {
    expect(registerLoadsSdk({})).toBe(false);
    expect(registerLoadsSdk({ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:1' })).toBe(
      false,
    );
    expect(
      registerLoadsSdk({ OTEL_TRACES_EXPORTER: 'console', OTEL_METRICS_EXPORTER: 'none', OTEL_LOGS_EXPORTER: 'none' }),
    ).toBe(true);
  });

  it('names a service after the workspace of its entry script', () => {
    expect(defaultServiceName('/repo/services/cases/dist/index.js')).toBe('pcc-cases');
    expect(defaultServiceName(undefined)).toBeUndefined();
  });
});

describe('an in-process SDK', () => {
  afterAll(() => stopTelemetry());

  it('records spans and writes the active span as the W3C traceparent that contextOf reads back', async () => {
    const exporter = recordSpansInMemory('pcc-test');
    const written = await inSpan('outer', {}, ROOT_CONTEXT, async () => activeTraceparent());
    const [outer] = exporter.getFinishedSpans();
    expect(written).toBe(`00-${outer!.spanContext().traceId}-${outer!.spanContext().spanId}-01`);
    await inSpan('continued', {}, contextOf(written), async () => undefined);
    const continued = exporter.getFinishedSpans().find((s) => s.name === 'continued');
    expect(continued?.spanContext().traceId).toBe(outer!.spanContext().traceId);
  });
});
