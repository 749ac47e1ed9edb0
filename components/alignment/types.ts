/** Shapes of the alignment API as the UI receives them (inferred from the routers' output schemas). */
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;
export type Alignment = Outputs["goals"]["mine"]["alignment"];
export type Goal = Outputs["goals"]["mine"]["goals"][number];
export type StrategyDetail = Outputs["strategy"]["get"];
export type StrategySummary = Outputs["strategy"]["list"]["items"][number];
export type TeamView = Outputs["alignment"]["teamHeatmap"];
