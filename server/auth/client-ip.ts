/**
 * The client's address, for per-IP sign-in throttling.
 *
 * X-Forwarded-For is a list each proxy *appends* to, so only its right-hand end is trustworthy: the entry
 * written by the proxy closest to us. Anything to the left came from the client and can be forged — a
 * throttle keyed on the left-most entry could be dodged by sending a new made-up address with every attempt.
 * `TRUSTED_PROXY_HOPS` (default 1) is how many proxies of ours append to the header; the client is the entry
 * that many places from the right. Without a proxy, Next's server sets the header to the socket address when
 * the client did not send one.
 */
export function trustedProxyHops(): number {
  const hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 1);
  return Number.isInteger(hops) && hops >= 1 ? hops : 1;
}

export function clientIp(headers: Headers, hops = trustedProxyHops()): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (forwarded) {
    const entries = forwarded
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (entries.length > 0) return normalizeIp(entries[Math.max(0, entries.length - hops)]!);
  }
  const real = headers.get("x-real-ip")?.trim();
  return real ? normalizeIp(real) : null;
}

/** One key per address: "::ffff:127.0.0.1" and "127.0.0.1" are the same client; at most 64 characters. */
function normalizeIp(ip: string): string {
  return ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").slice(0, 64);
}
