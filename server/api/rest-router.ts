/**
 * The REST router (docs/api.md), built from REST_ROUTES: each procedure takes the app procedure's input (a
 * detached copy, see detach.ts) and output schemas and calls the app procedure itself through a caller, so every
 * gate, record rule and row-level security policy applies unchanged. The caller's context carries the API key
 * (server/trpc/init.ts lets it act as the "api" role, and audits each write with the key in the write's transaction).
 */
import { TRPCError } from "@trpc/server";
import type { OpenApiRouter } from "trpc-to-openapi";
import { z } from "zod";
import type { Permission } from "@/server/authz/permissions";
import { apiKeyCan } from "@/server/authz/api-role";
import {
  publicProcedure,
  ROLE_FORBIDDEN_MESSAGE,
  router,
  type Context,
  type ProcedureAccess,
} from "@/server/trpc/init";
import { appRouter, createCaller } from "@/server/trpc/root";
import { detach } from "./detach";
import { REST_ROUTES, type RestRoute } from "./routes";

interface AppProcedureDef {
  type: "query" | "mutation" | "subscription";
  meta?: ProcedureAccess;
  inputs: z.ZodType[];
  output?: z.ZodType;
}

function appProcedure(path: string): AppProcedureDef & { permission: Permission } {
  const procedures = (appRouter._def as unknown as { procedures: Record<string, { _def: AppProcedureDef }> })
    .procedures;
  const def = procedures[path]?._def;
  if (!def || def.meta?.access !== "org" || !def.output) throw new Error(`${path}: not an organization procedure`);
  return { ...def, permission: def.meta.permission };
}

type ProcedureCall = (input: unknown) => Promise<unknown>;

/** Calls the app procedure at `path` with the REST request's context. */
function callApp(ctx: Context, path: string, input: unknown): Promise<unknown> {
  const caller = createCaller(ctx) as unknown as Record<string, Record<string, ProcedureCall>>;
  const [domain = "", name = ""] = path.split(".");
  const call = caller[domain]?.[name];
  if (!call) throw new TRPCError({ code: "NOT_FOUND", message: `No procedure ${path}` });
  return call(input);
}

function restProcedure(route: RestRoute) {
  const target = appProcedure(route.procedure);
  const [input = undefined] = target.inputs;
  const procedure = publicProcedure
    .meta({
      access: "org",
      permission: target.permission,
      openapi: {
        method: route.method,
        path: route.path,
        tags: [route.tag],
        summary: route.summary,
        operationId: route.procedure.replace(".", "_"),
        protect: true,
      },
    })
    // The key's scope is checked before the input, as the app checks the role before the input (403, not 400).
    .use(({ ctx, next }) => {
      if (ctx.apiKey && !apiKeyCan(ctx.apiKey.scope, target.permission)) {
        throw new TRPCError({ code: "FORBIDDEN", message: ROLE_FORBIDDEN_MESSAGE });
      }
      return next();
    })
    // A procedure without input (e.g. strategy.list) takes none here either.
    .input(input ? detach(input) : z.void())
    .output(target.output as z.ZodType);
  if (target.type === "query") {
    return procedure.query(({ ctx, input }) => callApp(ctx, route.procedure, input));
  }
  return procedure.mutation(({ ctx, input }) => callApp(ctx, route.procedure, input));
}

/** Typed as trpc-to-openapi's router type (its meta type is looser than the app's, which the compiler refuses). */
export const restRouter = router(
  Object.fromEntries(REST_ROUTES.map((route) => [route.procedure.replace(".", "_"), restProcedure(route)])),
) as unknown as OpenApiRouter;
