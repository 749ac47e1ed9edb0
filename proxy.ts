/**
 * Security headers on every response (server/http/security-headers.ts); and, while the database is down, a clear
 * 503 page instead of rendering pages that need it.
 */
import { NextResponse, type NextRequest } from "next/server";
import { abandonDuringOutage, answerPagesUnavailable, databaseKnownDown } from "@/server/db/outage";
import { contentSecurityPolicy, newNonce, securityHeaders } from "@/server/http/security-headers";
import { pageCharge } from "@/server/services/page-rate-hook";
import { plainPage, plainPageInit } from "@/server/services/plain-page";

/** Pages that read the database when they render (the organization's pages, the home redirect, email links). */
const DATABASE_PAGES = /^\/($|o\/|invite\/|confirm-email\/|reset-password\/|share\/)/;

/** Shown instead of rendering while the database is down; refreshes itself. */
const UNAVAILABLE_PAGE = plainPage(
  "Tandem cannot reach its database right now",
  ["Nothing you saved is lost. This page tries again every few seconds; you are still signed in."],
  { refreshSeconds: 5, retryHref: "" },
);

/** Shown for a path whose percent-encoding is broken (`/invite/%ff`): no route can match it. */
const MALFORMED_PATH_PAGE = plainPage(
  "This address is not valid",
  ["Its path contains a broken %-escape, so it cannot name anything in Tandem. Check the link you followed."],
  { retryHref: "/" },
);

/**
 * Whether the path cannot be decoded (`%ff`, a truncated `%E0%A4%A`). Next.js decodes the dynamic segments of the
 * route it matches *after* this proxy, and its URIError then ends as a bare "Internal Server Error" 500 without our
 * headers (vercel/next.js#92527); answering here, before any route is matched, gives a 400 with the headers.
 */
export function hasMalformedPath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

function malformedPathResponse(pathname: string): NextResponse {
  if (pathname.startsWith("/api/")) {
    return NextResponse.json(
      { error: { code: "BAD_REQUEST", message: "The path of this address has a broken %-escape." } },
      { status: 400, headers: { "cache-control": "no-store" } },
    );
  }
  return new NextResponse(MALFORMED_PATH_PAGE, plainPageInit(400));
}

/** Requests charged to the rate buckets here: the pages above and the CSV export (tRPC charges its own calls). */
const CHARGED = /^\/($|o\/|invite\/|confirm-email\/|reset-password\/|share\/|api\/deals\/export$)/;

/**
 * Over the person's (or, signed out, the address's) rate: 429 with Retry-After (server/services/page-rate-limit.ts).
 * Router prefetches are not charged: they render no further than the loading state, and charging every link
 * on a list would spend a person's burst on a scroll. (The proxy sees their header because of next.config.mjs's
 * `skipProxyUrlNormalize`; Next.js strips it otherwise.) A database error lets the request through (the page then
 * meets the outage handling), unless the database is known down: then the page answers 503 at once. Null: go ahead.
 */
async function rateLimited(request: NextRequest, pathname: string): Promise<NextResponse | null> {
  const charge = pageCharge();
  if (!charge || request.method !== "GET" || !CHARGED.test(pathname)) return null;
  if (request.headers.get("next-router-prefetch")) return null;
  const decision = await abandonDuringOutage(charge(request.headers), Date.now()).catch(() => null);
  if (!decision) return databaseKnownDown() ? new NextResponse(UNAVAILABLE_PAGE, plainPageInit(503)) : null;
  if (decision.allowed) return null;
  const seconds = decision.retryAfterSeconds;
  const message = `Too many requests. Please try again in ${seconds} second${seconds === 1 ? "" : "s"}.`;
  const response = pathname.startsWith("/api/")
    ? NextResponse.json({ error: message }, { status: 429, headers: { "cache-control": "no-store" } })
    : new NextResponse(plainPage("Slow down a little", [message], { retryHref: "" }), plainPageInit(429));
  response.headers.set("retry-after", String(seconds));
  return response;
}

export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const dev = process.env.NODE_ENV === "development";
  const csp = contentSecurityPolicy(nonce, dev);
  const pathname = request.nextUrl.pathname;

  // During a database outage a page answers a clear 503 at once instead of failing to render (HTTP 500).
  const unavailable = request.method === "GET" && DATABASE_PAGES.test(pathname) && answerPagesUnavailable();
  let response: NextResponse | null;
  if (hasMalformedPath(pathname)) {
    response = malformedPathResponse(pathname);
  } else if (unavailable) {
    response = new NextResponse(UNAVAILABLE_PAGE, plainPageInit(503));
  } else {
    response = await rateLimited(request, pathname);
  }
  if (!response) {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", csp);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }

  for (const [name, value] of Object.entries(securityHeaders(csp))) response.headers.set(name, value);
  return response;
}

// Every path, static files included: their headers (nosniff, HSTS…) matter as much as a page's.
export const config = {
  matcher: [{ source: "/:path*" }],
};
