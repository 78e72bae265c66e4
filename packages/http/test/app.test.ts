import { Writable } from 'node:stream';
import pino from 'pino';
import { createHttpApp } from '../src';

/** A pino logger whose JSON lines land in `lines`. */
function capturingLogger(lines: Array<Record<string, unknown>>) {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return pino({ level: 'info' }, sink);
}

describe('the HTTP app', () => {
  const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

  it("puts the caller's trace id on every line of its request (no SDK running) and echoes the request id", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const app = createHttpApp({ log: capturingLogger(lines), bodyLimit: 1024 });
    app.get('/hello', async (request) => {
      request.log.info('inside the handler');
      return { ok: true };
    });
    const response = await app.inject({ url: '/hello', headers: { traceparent, 'x-request-id': 'req-1' } });
    expect(response.headers['x-request-id']).toBe('req-1');
    const ofRequest = lines.filter((l) => l.reqId === 'req-1');
    expect(ofRequest.map((l) => l.msg)).toEqual(['incoming request', 'inside the handler', 'request completed']);
    expect(ofRequest.every((l) => l.traceId === '0af7651916cd43dd8448eb211c80319c')).toBe(true);
    await app.close();
  });

  it('logs no trace id for a request without a valid traceparent', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const app = createHttpApp({ log: capturingLogger(lines), bodyLimit: 1024 });
    app.get('/hello', async () => ({ ok: true }));
    await app.inject({ url: '/hello', headers: { traceparent: 'not-a-traceparent' } });
    expect(lines.filter((l) => l.reqId).length).toBeGreaterThan(0);
    expect(lines.some((l) => 'traceId' in l)).toBe(false);
    await app.close();
  });
});
