import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { acceptsBrotli } from "@/server/http/brotli-static";

describe("acceptsBrotli", () => {
  it("reads what browsers send", () => {
    expect(acceptsBrotli("gzip, deflate, br, zstd")).toBe(true); // Chromium, also on plain-HTTP localhost
    expect(acceptsBrotli("gzip, deflate, br")).toBe(true);
    expect(acceptsBrotli("gzip, deflate")).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
    expect(acceptsBrotli("")).toBe(false);
  });

  it("honours quality values and the wildcard", () => {
    expect(acceptsBrotli("br;q=0")).toBe(false);
    expect(acceptsBrotli("gzip, br;q=0.0")).toBe(false);
    expect(acceptsBrotli("br;q=0.5, gzip;q=1")).toBe(true);
    expect(acceptsBrotli("BR ; Q=0.1")).toBe(true);
    expect(acceptsBrotli("*")).toBe(true);
    expect(acceptsBrotli("gzip, *;q=0")).toBe(false);
    expect(acceptsBrotli("brotli, xbr")).toBe(false);
  });

  it("accepts exactly when some br or * coding has a quality above 0 (property)", () => {
    const coding = fc.constantFrom("br", "gzip", "deflate", "zstd", "identity", "*", "xbr");
    const quality = fc.option(fc.constantFrom(0, 0.001, 0.5, 1), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.tuple(coding, quality), { maxLength: 6 }), (entries) => {
        const header = entries.map(([name, q]) => (q === undefined ? name : `${name};q=${q}`)).join(", ");
        const expected = entries.some(([name, q]) => (name === "br" || name === "*") && (q === undefined || q > 0));
        expect(acceptsBrotli(header)).toBe(expected);
      }),
    );
  });
});
