/**
 * A minimal HTML page for answers given outside React (the outage page of proxy.ts, /session-ended's errors):
 * no script (so no CSP nonce needed), inline styles only. Callers pass fixed text, never user input.
 */
export function plainPage(
  title: string,
  paragraphs: readonly string[],
  options: { refreshSeconds?: number; retryHref: string },
): string {
  const refresh = options.refreshSeconds ? `<meta http-equiv="refresh" content="${options.refreshSeconds}">` : "";
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh}<title>${title} · Tandem</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 6rem auto; padding: 0 1rem; color: #0f172a">
<h1 style="font-size: 1.25rem">${title}</h1>
${paragraphs.map((text) => `<p>${text}</p>`).join("\n")}
<p><a href="${options.retryHref}">Try again now</a></p>
</body>
</html>
`;
}

/** Status and headers to send that page with: no caching, and `Retry-After` for a 503. */
export function plainPageInit(status: number): ResponseInit {
  return {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      ...(status === 503 ? { "retry-after": "5" } : {}),
    },
  };
}
