import { createMetrics } from '../src';

type Hooks = { willSendResponse(context: { operationName: string | null; errors?: unknown[] }): Promise<void> };

describe('operation metrics', () => {
  it('caps the operation names clients can create as label values', async () => {
    const metrics = createMetrics('test');
    const send = async (operationName: string | null) => {
      const hooks = (await metrics.plugin.requestDidStart!({} as never)) as unknown as Hooks;
      await hooks.willSendResponse({ operationName });
    };
    for (let i = 0; i < 500; i += 1) await send(`Op${i}`);
    await send('bad name with spaces');
    await send(null);
    const text = await metrics.registry.metrics();
    const operations = new Set([...text.matchAll(/operation="([^"]+)"/g)].map((m) => m[1]));
    expect(operations.size).toBe(202); // 200 names, "other", "anonymous"
    expect(operations.has('Op0')).toBe(true);
    expect(operations.has('Op499')).toBe(false);
    expect(operations.has('other')).toBe(true);
    expect(operations.has('anonymous')).toBe(true);
  });
});
