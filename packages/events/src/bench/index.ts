/** Helpers every benchmark script shares: the machine it ran on, percentiles, and BENCHMARKS.md sections. */
export { describeMachine } from './machine';
export { percentile, writeBenchmarkSection } from './report';
