import { SERVICES, type ServiceName } from './databases';

/** Each subgraph's response-cache counters, read from its `/metrics` (both null when the cache is off). */
export async function responseCacheCounters(): Promise<Record<ServiceName, { hits: number; misses: number } | null>> {
  const read = async (name: ServiceName) => {
    const text = await (await fetch(`http://127.0.0.1:${SERVICES[name].port}/metrics`)).text();
    const value = (metric: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${metric}{`) || l.startsWith(`${metric} `));
      return line === undefined ? null : Number(line.split(' ').pop());
    };
    const hits = value('pcc_subgraph_response_cache_hits_total');
    const misses = value('pcc_subgraph_response_cache_misses_total');
    return [name, hits === null || misses === null ? null : { hits, misses }] as const;
  };
  return Object.fromEntries(await Promise.all((Object.keys(SERVICES) as ServiceName[]).map(read))) as Record<
    ServiceName,
    { hits: number; misses: number } | null
  >;
}

/** Hits and hit rate of each subgraph over the measured seconds (the difference of two readings). */
export function responseCacheTable(
  before: Awaited<ReturnType<typeof responseCacheCounters>>,
  after: Awaited<ReturnType<typeof responseCacheCounters>>,
) {
  return (Object.keys(after) as ServiceName[]).map((name) => {
    const [b, a] = [before[name], after[name]];
    if (!a || !b) return { subgraph: name, 'response cache': 'off' };
    const hits = a.hits - b.hits;
    const misses = a.misses - b.misses;
    return {
      subgraph: name,
      'response cache': 'on',
      hits,
      misses,
      'hit rate': `${hits + misses ? Math.round((hits / (hits + misses)) * 1000) / 10 : 0} %`,
    };
  });
}
