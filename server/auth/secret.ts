import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";

/**
 * The key that signs session cookies. AUTH_SECRET wins; without it (a developer's or demo machine) a
 * random key is generated once into .data/auth-secret so sessions survive restarts. Several instances
 * behind a load balancer must share one AUTH_SECRET.
 */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(process.cwd(), ".data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.warn("[auth] AUTH_SECRET is not set: using a generated key in .data/auth-secret.");
  }
  return readFileSync(file, "utf8").trim();
}
