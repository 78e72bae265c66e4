import { lookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where webhooks may go. A subscription's URL is typed by an organization's staff and requested by this
 * service from inside the platform's network, so without a check it could reach what only the
 * platform can: loopback, private (RFC 1918) and CGNAT networks, link-local (169.254/16, the cloud
 * providers' metadata service), unique-local IPv6 and the other special ranges (server-side request
 * forgery). The classification is ipaddr.js's (the ranges of the IANA special-purpose registries):
 * only its `unicast` range, the public Internet, is allowed. IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is
 * judged as the IPv4 address it is; NAT64, 6to4 and Teredo forms are refused (they may wrap a private one).
 */
export interface WebhookTargetPolicy {
  /** Development, tests and the local demo only: receivers on this machine or a private network. */
  allowPrivate: boolean;
  /** Production: `https://` only (the body is signed, not encrypted). */
  httpsOnly: boolean;
}

/** The stable reasons a target is refused, in `extensions.fields.url` at creation and in `lastError` at delivery. */
export type TargetRefusal = 'NOT_HTTPS' | 'HTTP_ONLY_TO_THIS_MACHINE' | 'NOT_PUBLIC_ADDRESS' | 'NOT_RESOLVABLE';

/** A refused target: not sent to, and not stored. */
export class WebhookTargetRefused extends Error {
  constructor(
    readonly reason: TargetRefusal,
    detail: string,
  ) {
    super(`webhook target refused (${reason}): ${detail}`);
  }
}

/** The address's range in ipaddr.js's terms ('unicast' is the public Internet). */
export const addressRange = (address: string): string => ipaddr.process(address).range();

export const isPublicAddress = (address: string): boolean =>
  ipaddr.isValid(address) && addressRange(address) === 'unicast';

// URL keeps IPv6 literals in brackets.
const bareHost = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');
const LOCAL_NAMES = /^(localhost|.*\.localhost)\.?$/i;

/** What can be said of a URL without asking DNS: its scheme, and its host if that is an address. */
export function checkUrlShape(raw: string, policy: WebhookTargetPolicy): URL {
  const url = new URL(raw);
  const host = bareHost(url.hostname);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookTargetRefused('NOT_HTTPS', url.protocol);
  if (url.protocol === 'http:') {
    if (policy.httpsOnly) throw new WebhookTargetRefused('NOT_HTTPS', 'https:// only in production');
    // Plain http sends the signed body readable on the way: only to this machine, outside production.
    if (!LOCAL_NAMES.test(host) && !(isIP(host) && ipaddr.process(host).range() === 'loopback'))
      throw new WebhookTargetRefused('HTTP_ONLY_TO_THIS_MACHINE', host);
  }
  if (policy.allowPrivate) return url;
  // A name (`localhost` too) is judged by the addresses it resolves to: checkTarget, guardedLookup.
  if (isIP(host) && !isPublicAddress(host))
    throw new WebhookTargetRefused('NOT_PUBLIC_ADDRESS', `${host} is ${addressRange(host)}`);
  return url;
}

/** Every address a name resolves to must be public: one private answer among public ones is refused too. */
function refusalOf(hostname: string, addresses: readonly string[]): WebhookTargetRefused | null {
  const inner = addresses.find((address) => !isPublicAddress(address));
  return inner === undefined
    ? null
    : new WebhookTargetRefused('NOT_PUBLIC_ADDRESS', `${hostname} resolves to ${inner} (${addressRange(inner)})`);
}

/** Resolves a URL's host now and checks every address (at creation: a name that points inside is refused). */
export async function checkTarget(raw: string, policy: WebhookTargetPolicy): Promise<URL> {
  const url = checkUrlShape(raw, policy);
  const host = bareHost(url.hostname);
  if (policy.allowPrivate || isIP(host)) return url;
  const addresses = await new Promise<string[]>((resolve, reject) =>
    lookup(host, { all: true }, (error, found) =>
      error
        ? reject(new WebhookTargetRefused('NOT_RESOLVABLE', `${host}: ${error.code ?? error.message}`))
        : resolve(found.map((a) => a.address)),
    ),
  );
  const refused = refusalOf(host, addresses);
  if (refused) throw refused;
  return url;
}

/**
 * The DNS lookup a webhook request connects with: it checks the addresses the connection will
 * actually use, so a name cannot pass a check and then resolve elsewhere (DNS rebinding).
 */
export function guardedLookup(policy: WebhookTargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refused = policy.allowPrivate
        ? null
        : refusalOf(
            hostname,
            addresses.map((a) => a.address),
          );
      if (refused) return callback(Object.assign(refused, { code: 'EPCCREFUSED' }), '', 0);
      if (options.all) return (callback as unknown as (e: null, all: typeof addresses) => void)(null, addresses);
      const [first] = addresses;
      return callback(null, first!.address, first!.family);
    });
  };
}
