import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

/**
 * The layers (docs/architecture.md): a wrong import fails `npm run lint`. Type-only imports are allowed where a
 * client component needs the router's types.
 */
const layer = (message, ...folders) => ({
  regex: `^(@/|(\\.\\./)+)(${folders.join("|")})(/|$)`,
  message,
});
const restrict = (files, patterns, allowTypeImports = false) => ({
  files,
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      { patterns: patterns.map((p) => ({ ...p, allowTypeImports })) },
    ],
  },
});
const UI = layer("server/ must not import the UI (components/, app/).", "components", "app");
const TRPC = layer(
  "Only the tRPC layer and pages use server/trpc; move shared code to server/domain.",
  "server/trpc",
  "trpc",
);
const IO = layer(
  "server/domain is pure: no database, services, auth or tRPC.",
  "db",
  "server/db",
  "server/services",
  "server/auth",
  "server/trpc",
  "services",
  "auth",
  "trpc",
);
const SERVER_ONLY = layer(
  "Components reach the server through tRPC (useTRPC); import pure code from server/domain only.",
  "db",
  "server/db",
  "server/services",
  "server/auth",
);

const config = [
  ...nextVitals,
  ...nextTypescript,
  // Formatting belongs to Prettier (`npm run format`; `npm run lint` checks it): turn off ESLint's style rules.
  prettier,
  restrict(["server/domain/**", "server/authz/**"], [IO, UI]),
  // server/actions: "use server" entry points, the one way besides tRPC that components call the server.
  restrict(["server/services/**", "server/auth/**", "server/db/**", "server/actions/**"], [TRPC, UI]),
  restrict(["server/trpc/**"], [UI]),
  {
    // Statements of one transaction sent at once: together() waits for all before it throws (server/db/together.ts).
    files: ["server/services/**", "server/trpc/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='Promise'][callee.property.name='all']",
          message:
            "Use together() (server/db/together.ts): Promise.all throws while the other calls still run — in a transaction they may send statements after its rollback.",
        },
      ],
    },
  },
  restrict(["components/**"], [SERVER_ONLY, layer("Components import tRPC types only.", "server/trpc")], true),
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "db/migrations/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
    ],
  },
];

export default config;
