import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

/**
 * Webhook URLs are typed by marketers, and the worker sits inside our network: a URL naming
 * the Temporal frontend, Postgres, a cloud metadata endpoint (169.254.169.254) or an admin
 * port on localhost would let anyone who can edit a journey reach them (SSRF). In production
 * a webhook may only connect to public unicast addresses.
 */
export class PrivateDestinationError extends Error {
  override readonly name = 'PrivateDestinationError';

  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(
      `${hostname} resolves to ${address} (${range}); webhooks may only call receivers on the public internet`,
    );
  }
}

/** The ipaddr.js range of `address`, e.g. `unicast` (public), `private`, `loopback`, `linkLocal`. */
export function addressRange(address: string): string {
  let parsed = ipaddr.parse(address);
  // `::ffff:10.0.0.1` reaches 10.0.0.1: judge the IPv4 address inside.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range();
}

export function isPublicAddress(address: string): boolean {
  return addressRange(address) === 'unicast';
}

/** Throws `PrivateDestinationError` for a URL whose host is a literal non-public address. */
export function checkLiteralHost(url: URL): void {
  // IPv6 literals come bracketed in URLs.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !isPublicAddress(host)) throw new PrivateDestinationError(host, host, addressRange(host));
}

/**
 * A DNS lookup that fails when any address of the name is not public. Checking every
 * address (not just the one used) refuses names that mix public and private records, and
 * doing it inside the connection's own lookup leaves no gap for a rebinding DNS server to
 * answer differently between our check and the connect.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 4);
    const blocked = addresses.find((entry) => !isPublicAddress(entry.address));
    if (blocked) {
      return callback(
        new PrivateDestinationError(hostname, blocked.address, addressRange(blocked.address)),
        '',
        4,
      );
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const [first] = addresses;
    if (!first)
      return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 4);
    return callback(null, first.address, first.family);
  });
};

/** The connection pool for production webhooks: every connection goes through `publicOnlyLookup`. */
export function createPublicOnlyDispatcher(): Agent {
  return new Agent({ connect: { lookup: publicOnlyLookup } });
}

/** The `PrivateDestinationError` somewhere in a fetch failure's cause chain, if that is why it failed. */
export function privateDestinationIn(error: unknown): PrivateDestinationError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof PrivateDestinationError) return current;
    current = current instanceof Error ? current.cause : undefined;
  }
  return undefined;
}
