// The analysts' Parquet sink and its DuckDB queries, imported as `@pcc/events/sink`: apart from the
// package's main entry because DuckDB's native library costs about 30 MiB of resident memory in every
// process that merely loads it, and only the sink and the `pcc-events` tool use it.
export { ParquetSink, type SinkSettings } from './sink';
export { SinkStore, type SinkRow } from './store';
export { ANALYST_QUERIES, analystQuery } from './queries';
export { runDuckDbQuery } from './run-query';
