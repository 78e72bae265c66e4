import type { FetcherHeaders } from '@apollo/utils.fetcher';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * A subgraph response's headers as Apollo Gateway reads them (`get('content-type')`,
 * `get('cache-control')`), over the record undici parsed them into. A WHATWG `Headers` built from that
 * record validated and copied every header of every subgraph response, about 3 KiB each, though Apollo
 * reads two of them. Names are case-insensitive; repeated headers read as one value joined by `, `;
 * iteration is in name order, all as `Headers` does, but for `set-cookie`, which `Headers` iterates
 * cookie by cookie (subgraphs set none).
 */
export class ResponseHeaders implements FetcherHeaders {
  /** The record is this response's own (undici makes one per response), so changes are made in it. */
  constructor(private readonly record: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.own(name.toLowerCase());
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }

  has(name: string): boolean {
    return this.own(name.toLowerCase()) !== undefined;
  }

  set(name: string, value: string): void {
    this.record[name.toLowerCase()] = value;
  }

  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const present = this.own(key);
    this.record[key] = present === undefined ? value : [...(Array.isArray(present) ? present : [present]), value];
  }

  delete(name: string): void {
    this.record[name.toLowerCase()] = undefined;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.record).sort()) {
      const value = this.get(name);
      if (value !== null) yield [name, value];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  /** The record is a plain object: a name such as `constructor` must not read what it inherits. */
  private own(key: string): string | string[] | undefined {
    return Object.hasOwn(this.record, key) ? this.record[key] : undefined;
  }
}
