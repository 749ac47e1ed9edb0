/**
 * The team's average alignment score over time (reviews.board's `averages`, drawn by TeamTrendChart on the reviews
 * page): per month of shared reviews of the team's reps (sub-teams included), from the stored review scores;
 * drafts, other teams' reps and reviews older than 24 months left out.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import * as s from "@/db/schema";
import { TeamTrendChart } from "@/components/reviews/charts";
import { createUser, type TestUser } from "../helpers/fixtures";
import { useWorld } from "../helpers/world";

/** The first day of the month `back` months before this one, at noon UTC, and its "YYYY-MM". */
function monthsAgo(back: number): { at: Date; month: string } {
  const now = new Date();
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1, 12));
  return { at, month: at.toISOString().slice(0, 7) };
}

describe("reviews.board: the team's average over time", () => {
  const world = useWorld();
  let second: TestUser;
  let outsider: TestUser;
  beforeAll(async () => {
    const orgId = world.org.id;
    second = await createUser(world.db, "Second Rep");
    outsider = await createUser(world.db, "Outside Rep");
    const otherTeam = crypto.randomUUID();
    await world.db.insert(s.teams).values({ orgId, id: otherTeam, name: "Elsewhere", parentTeamId: null });
    for (const [user, teamId] of [
      [second, world.org.subTeamId],
      [outsider, otherTeam],
    ] as const) {
      await world.db.insert(s.memberships).values({ orgId, id: crypto.randomUUID(), userId: user.id, role: "rep" });
      await world.db.insert(s.teamMembers).values({ orgId, teamId, userId: user.id });
    }
    const strategyId = crypto.randomUUID();
    await world.db
      .insert(s.strategies)
      .values({ orgId, id: strategyId, name: "Year", startsOn: "2020-01-01", endsOn: "2030-12-31", status: "active" });
    const review = (subjectId: string, score: number, sharedAt: Date | null) => ({
      orgId,
      id: crypto.randomUUID(),
      subjectId,
      reviewerId: world.org.manager.id,
      strategyId,
      status: sharedAt ? ("shared" as const) : ("draft" as const),
      score,
      sharedAt,
    });
    await world.db.insert(s.reviews).values([
      review(world.org.rep.id, 40, monthsAgo(3).at),
      review(second.id, 61, monthsAgo(3).at),
      review(world.org.rep.id, 70, monthsAgo(1).at),
      review(second.id, 99, null), // a draft: not in the trend
      review(outsider.id, 5, monthsAgo(1).at), // another team
      review(world.org.rep.id, 10, monthsAgo(30).at), // older than 24 months
    ]);
  });

  it("averages each month's shared reviews of the team's reps, oldest month first", async () => {
    const board = await world.api(world.org.manager).reviews.board({ teamId: world.org.rootTeamId });
    expect(board.averages).toEqual([
      { month: monthsAgo(3).month, average: 51, reviews: 2 }, // (40 + 61) / 2 = 50.5, rounded
      { month: monthsAgo(1).month, average: 70, reviews: 1 },
    ]);
    const sub = await world.api(world.org.admin).reviews.board({ teamId: world.org.subTeamId });
    expect(sub.averages).toEqual(board.averages);
  });

  it("renders as a line and a table of the same figures, or says there is no trend", async () => {
    const board = await world.api(world.org.manager).reviews.board({ teamId: world.org.rootTeamId });
    const html = renderToStaticMarkup(TeamTrendChart({ averages: board.averages }));
    expect(html).toContain("<svg");
    expect(html).toContain(`<td class="pr-6">${monthsAgo(3).month}</td><td class="pr-6">51</td><td>2</td>`);
    expect(html).toContain(`<td class="pr-6">${monthsAgo(1).month}</td><td class="pr-6">70</td><td>1</td>`);
    expect(renderToStaticMarkup(TeamTrendChart({ averages: [] }))).toContain("no trend to show");
  });
});
