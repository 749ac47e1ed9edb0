import { expect, test } from "@playwright/test";

/**
 * A dynamic segment with broken percent-encoding cannot name anything: Next.js used to answer it with a bare
 * "Internal Server Error" 500 without our security headers. proxy.ts answers 400, with the headers.
 */
const MALFORMED = [
  "/invite/%ff",
  "/o/%ff",
  "/o/acme-robotics/deals/%E0%A4%A",
  "/confirm-email/%ff",
  "/reset-password/%E0%A4%A",
  "/api/trpc/%ff",
];

for (const path of MALFORMED) {
  test(`${path} answers 400 with the security headers`, async ({ request, baseURL }) => {
    // fetch sends the path as written (Playwright's request would re-encode the `%`).
    const response = await fetch(`${baseURL}${path}`, { redirect: "manual" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const body = await response.text();
    expect(body).toContain(path.startsWith("/api/") ? "BAD_REQUEST" : "This address is not valid");
    expect(body).not.toContain("Internal Server Error");
    // The server is fine afterwards.
    expect((await request.get("/sign-in")).status()).toBe(200);
  });
}

test("a well-encoded escape in a dynamic segment is not refused", async ({ baseURL }) => {
  const response = await fetch(`${baseURL}/invite/%41%42cdefghijklmnopqrstuvwxyz0123456789`, { redirect: "manual" });
  expect(response.status).toBe(200);
  expect(await response.text()).toContain("This invitation cannot be used");
});
