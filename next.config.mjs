/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files; argon2 is a native addon: both load from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tests included) before it builds; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
};
export default nextConfig;
