/**
 * `npm run demo`: the newcomer's one command. Migrates and seeds the embedded database (.data/pglite, or
 * DATABASE_URL when set), builds the app, starts it, and prints the URL and the demo sign-ins.
 */
import { spawn } from "node:child_process";
import { DEMO_PASSWORD, DEMO_USERS } from "./seed";
import { DEMO_SHARE_PATH } from "./seed-plans";

const port = process.env.PORT ?? "3000";

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", env: process.env });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

await run("npx", ["tsx", "db/seed.ts"]);
await run("npx", ["next", "build"]);
const server = spawn("npx", ["tsx", "server/http/start.ts", "-p", port], {
  stdio: ["inherit", "pipe", "inherit"],
  env: process.env,
});
let announced = false;
server.stdout.on("data", (chunk: Buffer) => {
  process.stdout.write(chunk);
  if (!announced && /ready|started/i.test(chunk.toString())) {
    announced = true;
    console.log(`\n  Tandem is running at http://localhost:${port}\n`);
    console.log(`  Sign in with (password ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) console.log(`    ${user.email.padEnd(20)} ${user.label}`);
    console.log(`\n  The customer view of the demo account plan: http://localhost:${port}${DEMO_SHARE_PATH}`);
    console.log("");
  }
});
server.on("exit", (code) => process.exit(code ?? 0));
