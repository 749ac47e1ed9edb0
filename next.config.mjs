import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants } from "node:zlib";

const compress = promisify(brotliCompress);

/**
 * Brotli copies of the build's scripts and styles (`<file>.br`, quality 11, once at build time), which
 * server/http/start.ts sends to every browser that accepts br: what a page transfers is what the JavaScript budget
 * counts (docs/home.md "JavaScript budget"). Next.js itself only gzips.
 */
async function precompressStaticAssets({ projectDir, distDir }) {
  const staticDir = join(resolve(projectDir, distDir), "static");
  const files = (await readdir(staticDir, { recursive: true })).filter((file) => /\.(js|css)$/.test(file));
  // In parallel: zlib compresses on libuv's thread pool, so every core works.
  await Promise.all(
    files.map(async (file) => {
      const source = await readFile(join(staticDir, file));
      const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length };
      await writeFile(join(staticDir, `${file}.br`), await compress(source, { params }));
    }),
  );
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files; argon2 is a native addon: both load from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) before it builds; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
  compiler: { runAfterProductionCompile: precompressStaticAssets },
  // The proxy (proxy.ts) must see the router's headers: without this, Next.js strips `next-router-prefetch` (and the
  // other flight headers) from the request the proxy gets, so every link prefetch was charged to the person's page
  // rate as a page view, and a home with 60 links on screen spent half a person's burst by itself.
  skipProxyUrlNormalize: true,
};
export default nextConfig;
