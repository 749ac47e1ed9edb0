/**
 * The SSRF guard of webhook deliveries (docs/api.md): a delivery goes only to public unicast addresses. Every
 * address the host name resolves to is checked, and the connection is made to a checked address (the check runs
 * inside the socket's DNS lookup), so a name that resolves differently a second time ("DNS rebinding") cannot
 * slip through. An endpoint an admin marked `allowPrivateNetwork` skips the check (e.g. an on-premises receiver).
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";

/** IPv4 ranges that are not public unicast (RFC 6890 special-purpose registry, plus multicast and reserved). */
const BLOCKED_V4: readonly [string, number][] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata services live here)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];

function v4ToInt(address: string): number {
  return address.split(".").reduce((value, part) => value * 256 + Number(part), 0);
}

function inV4Range(address: string, [base, bits]: [string, number]): boolean {
  const size = 2 ** (32 - bits);
  return Math.floor(v4ToInt(address) / size) === Math.floor(v4ToInt(base) / size);
}

/** The eight 16-bit groups of an IPv6 address (embedded dotted IPv4 and `::` expanded). */
function v6Groups(address: string): number[] {
  let text = address.toLowerCase().split("%")[0] ?? "";
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = v4ToInt(dotted[1]);
    text = text.slice(0, -dotted[1].length) + `${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array<string>(missing).fill("0"), ...tailGroups].map((group) => parseInt(group, 16));
}

function v4FromGroups(high: number, low: number): string {
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/** Whether a delivery may connect to this address: public unicast only. Anything unparsable is refused. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address.split("%")[0] ?? "");
  if (family === 4) return !BLOCKED_V4.some((range) => inV4Range(address, range));
  if (family !== 6) return false;
  const g = v6Groups(address);
  if (g.length !== 8 || g.some((group) => !Number.isInteger(group))) return false;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, h7 = 0, h8 = 0] = g;
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d): judge the IPv4 address.
  const upperZero = a === 0 && b === 0 && c === 0 && d === 0 && e === 0;
  if (
    (upperZero && (f === 0xffff || f === 0)) ||
    (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0)
  ) {
    if (upperZero && f === 0 && h7 === 0 && h8 <= 1) return false; // :: and ::1
    return isPublicAddress(v4FromGroups(h7, h8));
  }
  if ((a & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((a & 0xffc0) === 0xfe80) return false; // link-local fe80::/10
  if ((a & 0xffc0) === 0xfec0) return false; // site-local (deprecated) fec0::/10
  if ((a & 0xff00) === 0xff00) return false; // multicast ff00::/8
  if (a === 0x2001 && b === 0x0db8) return false; // documentation 2001:db8::/32
  if (a === 0x2002) return isPublicAddress(v4FromGroups(b, c)); // 6to4 embeds an IPv4 address
  return (a & 0xe000) === 0x2000; // global unicast 2000::/3 only
}

export class BlockedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`Refused to deliver to ${host}: ${address} is not a public address.`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node:http(s) that resolves every address of the host and fails the connection if any of them is
 * not public — unless `allowPrivate`. Node then connects to one of the addresses checked here.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const blocked = allowPrivate ? undefined : addresses.find((entry) => !isPublicAddress(entry.address));
      if (blocked) return callback(new BlockedAddressError(hostname, blocked.address), []);
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: "ENOTFOUND" }), []);
      callback(null, first.address, first.family);
    });
  };
}
