// The helpers every package uses; the SDK itself is in `@pcc/telemetry/sdk` and `/register`, so
// importing this loads no instrumentation.
export { activeTraceId, activeTraceparent, contextOf, inSpan, linksTo } from './context';
export { stopTelemetry } from './running';
