import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from './wait';

export interface HeldRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP server that answers JSON but holds each reply until the test releases it, so a test
 * decides what is in flight instead of hoping a delay is long enough. The answer is computed when
 * the request arrives (what a database would see at statement start) and sent on release.
 */
export class HoldingServer {
  readonly requests: HeldRequest[] = [];
  private readonly waiting: Array<() => void> = [];
  private holding = true;

  private readonly server: Server;
  private url_ = '';

  private constructor(answer: (request: HeldRequest) => unknown) {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const held = { headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.requests.push(held);
        const reply = JSON.stringify(answer(held));
        const send = () => response.writeHead(200, { 'content-type': 'application/json' }).end(reply);
        if (this.holding) this.waiting.push(send);
        else send();
      });
    });
  }

  /** Where to send requests. */
  get url(): string {
    return this.url_;
  }

  static async start(answer: (request: HeldRequest) => unknown, path = '/graphql'): Promise<HoldingServer> {
    const held = new HoldingServer(answer);
    await new Promise<void>((resolve) => held.server.listen(0, '127.0.0.1', resolve));
    held.url_ = `http://127.0.0.1:${(held.server.address() as AddressInfo).port}${path}`;
    return held;
  }

  /** Waits until `count` requests have arrived in all; throws with the number seen otherwise. */
  async arrived(count: number, timeoutMs = 10_000): Promise<void> {
    const seen = await waitFor(
      () => this.requests.length,
      (n) => n >= count,
      timeoutMs,
      5,
    );
    if (seen < count) throw new Error(`expected ${count} requests, ${seen} arrived within ${timeoutMs} ms`);
  }

  /** Sends every held reply; later requests are answered at once until `hold()`. */
  releaseAll(): void {
    this.holding = false;
    for (const send of this.waiting.splice(0)) send();
  }

  /** Forgets the requests seen so far and holds replies again. */
  hold(): void {
    this.requests.length = 0;
    this.holding = true;
  }

  close(): Promise<void> {
    this.releaseAll();
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
