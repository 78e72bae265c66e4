import { Gauge, type Registry } from 'prom-client';
import type { FastifyInstance } from 'fastify';

export interface SubgraphHealthReport {
  name: string;
  /** Where the active supergraph has this gateway call it now. */
  url: string | null;
  up: boolean;
  /** Why it is down: the HTTP status or the fetch error's message (never a response body). */
  reason?: string;
}

/**
 * The health of the subgraphs behind this gateway, reported apart from its own readiness: a subgraph
 * that is down fails only its part of an answer, so it must not take the gateway (every replica of it)
 * out of a load balancer. Shown at `/health/subgraphs` and as `pcc_gateway_subgraph_up{subgraph}`,
 * both probing each subgraph's `/healthz` when asked, on the internal port beside `/metrics`.
 */
export class SubgraphHealth {
  constructor(
    private readonly names: string[],
    /** The URL the active supergraph gives a subgraph now (the registry may move it). */
    private readonly urlOf: (name: string) => string | undefined,
    private readonly timeoutMs = 2_000,
  ) {}

  async report(): Promise<SubgraphHealthReport[]> {
    return Promise.all(this.names.map((name) => this.probe(name)));
  }

  private async probe(name: string): Promise<SubgraphHealthReport> {
    const url = this.urlOf(name);
    if (!url) return { name, url: null, up: false, reason: 'not in the active supergraph' };
    try {
      const response = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(this.timeoutMs) });
      await response.body?.cancel();
      return response.ok ? { name, url, up: true } : { name, url, up: false, reason: `HTTP ${response.status}` };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { name, url, up: false, reason: cause ?? (error instanceof Error ? error.message : String(error)) };
    }
  }

  /** `pcc_gateway_subgraph_up` (1 up, 0 down) per subgraph, probed at each scrape. */
  registerMetric(registry: Registry): void {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- prom-client calls `collect` with the gauge as `this`
    const health = this;
    new Gauge({
      name: 'pcc_gateway_subgraph_up',
      help: "Whether each subgraph's /healthz answers (1) or not (0), probed at each scrape",
      labelNames: ['subgraph'] as const,
      registers: [registry],
      async collect() {
        for (const { name, up } of await health.report()) this.set({ subgraph: name }, up ? 1 : 0);
      },
    });
  }

  /** `GET /health/subgraphs`: 200 with every subgraph's state, whatever it is (a report, not a probe). */
  registerRoute(app: FastifyInstance): void {
    app.get('/health/subgraphs', async () => {
      const subgraphs = await this.report();
      return { status: subgraphs.every((s) => s.up) ? 'all up' : 'degraded', subgraphs };
    });
  }
}
