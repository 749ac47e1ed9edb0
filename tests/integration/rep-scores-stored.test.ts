/**
 * Stored rep scores (rep_alignment_scores, docs/performance.md "Stored rep scores"): the team views' reader answers
 * exactly what the live statement answers (figures, the group's exact pipeline and total), stores a row a person
 * and strategy, and each kind of write makes out of date the rows of the people it changed — and only theirs; a
 * row computed from a snapshot older than a write is never current; a read-only transaction computes without
 * storing.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { selectRows } from "@/db/client";
import { storeScores } from "@/server/services/rep-score-store";
import { loadTeamSummary } from "@/server/services/team-summary";
import { loadHomeTeam } from "@/server/services/home-team";
import { todayUtc } from "@/server/domain/strategy-rules";
import { loadRepScoreRows, orgVersionSql, repScoreOf, type LiveRepScoreRow } from "@/server/services/rep-scores";
import { scoringObjectives } from "@/server/services/people-alignment";
import { loadStrategy, type StrategyDetail } from "@/server/services/strategies";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { storedRepScoreProblems } from "./stored-rep-scores-reference";
import { createPropertyWorld, resetWorld, type PropertyWorld } from "./stored-scores-world";

describe("stored rep scores", () => {
  let handle: TestDatabase;
  let world: PropertyWorld;
  let strategy: StrategyDetail;
  const everyone = { kind: "organization" } as const;

  /** The people whose row of the strategy is stored and current, sorted. */
  const current = async () =>
    (
      await selectRows<{ userId: string }>(
        handle.db,
        sql`select s.user_id as "userId" from rep_alignment_scores s cross join ${orgVersionSql(world.orgId)} ov
          left join rep_alignment_inputs iv on iv.org_id = s.org_id and iv.user_id = s.user_id
          where s.org_id = ${world.orgId} and s.strategy_id = ${strategy.id}
            and s.user_version = coalesce(iv.version, 0) and s.org_version = ov.version`,
      )
    )
      .map((row) => row.userId)
      .sort();
  const all = () => [...world.members].sort();
  const read = (page: { offset: number; limit: number } | null = null, db = handle.db) =>
    loadTeamSummary(db, world.orgId, strategy, everyone, page);
  /** What the heat-map's summary should say, from every person's live figures (in name order). */
  const summaryOf = (live: readonly LiveRepScoreRow[], page: { offset: number; limit: number } | null = null) => {
    const scores = live.map((row) => repScoreOf(scoringObjectives(strategy), row).score);
    return {
      count: live.length,
      averageScore: Math.round(scores.reduce((sum, score) => sum + score, 0) / live.length),
      pursuedBy: strategy.objectives
        .map((o) => [
          o.id,
          live.filter((row) => row.links.some((l) => l.objectiveId === o.id && l.strength > 0)).length,
        ])
        .filter(([, people]) => people !== 0),
      currencies: [...new Set(live.flatMap((row) => row.pipelineCurrencies))].sort(),
      orphans: live
        .filter((row) => row.orphans.length > 0)
        .map((row) => ({ userId: row.userId, name: row.name, teamIds: [...row.teamIds].sort(), orphans: row.orphans })),
      pageIds: (page ? live.slice(page.offset, page.offset + page.limit) : live).map((row) => row.userId),
      groupPipeline: live[0]!.groupPipeline,
      groupPipelineTotal: live[0]!.groupPipelineTotal,
      // Nothing is queued for the background worker here (stored-scores.test.ts queues a change).
      recomputing: false,
    };
  };
  const pick = (summary: Awaited<ReturnType<typeof read>>) => ({
    ...summary,
    pursuedBy: strategy.objectives.flatMap((o) =>
      summary.pursuedBy.has(o.id) ? [[o.id, summary.pursuedBy.get(o.id)]] : [],
    ),
    orphans: summary.orphans.map((row) => ({ ...row, teamIds: [...row.teamIds].sort() })),
  });

  beforeAll(async () => {
    handle = await createTestDatabase();
    world = await createPropertyWorld(handle.db, "Stored rep scores");
    const [, second, manager, admin] = world.members;
    await handle.db.execute(sql`insert into team_members (org_id, team_id, user_id, is_manager) values
      (${world.orgId}, ${world.rootTeamId}, ${second}, false), (${world.orgId}, ${world.rootTeamId}, ${admin}, false),
      (${world.orgId}, ${world.subTeamId}, ${manager}, false)`);
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });
  beforeEach(async () => {
    await resetWorld(handle.db, world);
    const [row] = await selectRows<{ id: string }>(
      handle.db,
      sql`select id from strategies where org_id = ${world.orgId} and name = 'Now'`,
    );
    strategy = (await loadStrategy(handle.db, world.orgId, row!.id))!;
    // Links of different strengths, a deal in another currency and one split between two objectives.
    await handle.db.execute(sql`insert into goal_objective_links (org_id, goal_id, objective_id, strength)
      select g.org_id, g.id, o.id, g.importance from goals g
      join objectives o on o.org_id = g.org_id and o.strategy_id = g.strategy_id and o.weight >= 30
      where g.org_id = ${world.orgId} and g.category <> 'skill'`);
    await handle.db.execute(sql`update deals set currency = 'EUR', amount = 1000.01
      where org_id = ${world.orgId} and stage = 'proposal'`);
    await handle.db.execute(sql`insert into deal_objectives (org_id, deal_id, objective_id)
      select d.org_id, d.id, o.id from deals d join objectives o on o.org_id = d.org_id and o.strategy_id = ${strategy.id}
      where d.org_id = ${world.orgId} and d.stage = 'prospecting'`);
  });

  it("answers what the live statement answers, exact group sums included, and stores a row a person", async () => {
    await handle.db.execute(sql`update deals set amount = 100 where org_id = ${world.orgId} and stage = 'prospecting'`);
    const live = await loadRepScoreRows(handle.db, world.orgId, strategy, everyone, { orphans: true });
    // Skill goals link to nothing: orphan goals, read from the stored rows' counts once stored (the second read).
    expect(live.some((row) => row.orphans.length > 0)).toBe(true);
    expect(await current()).toEqual([]);
    const first = await read();
    expect(await current()).toEqual(all());
    const second = await read();
    expect(pick(first)).toEqual(summaryOf(live));
    expect(pick(second)).toEqual(summaryOf(live));
    const page = { offset: 1, limit: 2 };
    expect(pick(await read(page))).toEqual(summaryOf(live, page));
    // 100 split four ways (25 on each objective of the strategy): the group's amounts keep every decimal.
    expect(second.groupPipeline.some((b) => /\.\d{3,}/.test(b.amount))).toBe(true);
    expect(await storedRepScoreProblems(handle.db, world.orgId)).toEqual([]);
  });

  it("each write makes out of date the rows of the people it changed, and only theirs", async () => {
    const [rep, second] = world.members as [string, string];
    const others = (...changed: string[]) => all().filter((id) => !changed.includes(id));
    const writes: [string, () => Promise<unknown>, string[]][] = [
      [
        "a goal's link",
        () =>
          handle.db.execute(sql`delete from goal_objective_links where org_id = ${world.orgId} and goal_id in (
            select id from goals where org_id = ${world.orgId} and user_id = ${second} and category = 'quota')`),
        [second],
      ],
      [
        "a goal",
        () =>
          handle.db.execute(sql`insert into goals (org_id, id, user_id, strategy_id, category, title, importance)
            values (${world.orgId}, gen_random_uuid(), ${rep}, ${strategy.id}, 'skill', 'Listen', 1)`),
        [rep],
      ],
      [
        "a deal's amount",
        () =>
          handle.db
            .execute(sql`update deals set amount = amount + 1 where org_id = ${world.orgId} and owner_id = ${second}
            and stage = 'proposal'`),
        [second],
      ],
      [
        "a deal's owner",
        () =>
          handle.db
            .execute(sql`update deals set owner_id = ${second} where org_id = ${world.orgId} and owner_id = ${rep}
            and stage = 'prospecting'`),
        [rep, second],
      ],
      [
        "an objective's weight",
        () =>
          handle.db.execute(sql`update objectives set weight = weight + 5 where org_id = ${world.orgId}
            and strategy_id = ${strategy.id} and weight = 20`),
        all(),
      ],
    ];
    for (const [what, write, changed] of writes) {
      await read();
      expect(await current(), what).toEqual(all());
      await write();
      expect(await current(), what).toEqual(others(...changed));
      expect(await storedRepScoreProblems(handle.db, world.orgId), what).toEqual([]);
    }
    // The clock moved into the next strategy: which strategy a deal is measured against changes its score, not
    // its matches (every strategy's objectives are matched), so the rows that stay current are still right.
    await handle.db.execute(
      sql`update deals set close_date = null where org_id = ${world.orgId} and stage = 'proposal'`,
    );
    await read();
    await handle.db.execute(sql`select tandem_alignment_roll_clock(${world.orgId}::uuid, current_date + 200)`);
    expect(await storedRepScoreProblems(handle.db, world.orgId)).toEqual([]);
    await read();
    expect(await current()).toEqual(all());
    expect(await storedRepScoreProblems(handle.db, world.orgId)).toEqual([]);
  });

  it("a row computed before a write committed keeps the replaced versions: it is not current", async () => {
    const [rep] = world.members as [string];
    const early = await loadRepScoreRows(handle.db, world.orgId, strategy, { ...everyone, only: [rep] });
    await handle.db.execute(
      sql`update deals set amount = amount * 2 where org_id = ${world.orgId} and owner_id = ${rep}`,
    );
    await storeScores(handle.db, world.orgId, strategy, early);
    expect(await current()).toEqual([]);
    await read();
    expect(await current()).toEqual(all());
    expect(await storedRepScoreProblems(handle.db, world.orgId)).toEqual([]);
  });

  it("a read-only transaction computes the rows without storing them", async () => {
    const live = await loadRepScoreRows(handle.db, world.orgId, strategy, everyone, { orphans: true });
    const summary = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set transaction read only`);
      return read(null, tx);
    });
    expect(pick(summary)).toEqual(summaryOf(live));
    expect(await current()).toEqual([]);
  });

  // Every review is far from due: the people sent are those the ranking needs (the review list is another test's).
  const ranking = (ends: { head: number; tail: number }, reading = strategy, db = handle.db) =>
    loadHomeTeam(db, world.orgId, reading, everyone, ends, { rows: 1, today: todayUtc(), overdueDays: 90 });
  const reviewedToday = () =>
    handle.db
      .execute(sql`insert into reviews (org_id, id, subject_id, reviewer_id, strategy_id, status, score, shared_at)
      select m.org_id, gen_random_uuid(), m.user_id, m.user_id, ${strategy.id}, 'shared', 50, now()
      from memberships m where m.org_id = ${world.orgId}`);

  it("ranks from the stored scores: the ends' scores and figures are the scorer's, the group sums exact", async () => {
    await handle.db.execute(sql`update deals set amount = 100 where org_id = ${world.orgId} and stage = 'prospecting'`);
    await reviewedToday();
    const live = await loadRepScoreRows(handle.db, world.orgId, strategy, everyone);
    const objectives = scoringObjectives(strategy);
    const scores = new Map(live.map((row) => [row.userId, repScoreOf(objectives, row).score]));
    const [highest, lowest] = [Math.max(...scores.values()), Math.min(...scores.values())];
    const first = await ranking({ head: 1, tail: 1 });
    expect(await current()).toEqual(all());
    const second = await ranking({ head: 1, tail: 1 });
    // Not stored yet, everyone is computed and sent; then, from the stored rows, only the ends (ties included).
    expect(first.people.map((p) => p.userId).sort()).toEqual([...scores.keys()].sort());
    expect(second.people.map((p) => p.userId).sort()).toEqual(
      [...scores]
        .filter(([, score]) => score === highest || score === lowest)
        .map(([userId]) => userId)
        .sort(),
    );
    expect(second.people.length).toBeLessThan(live.length);
    for (const read of [first, second]) {
      expect(read.count).toBe(live.length);
      expect(read.dueCount).toBe(0);
      expect(read.groupPipeline).toEqual(live[0]!.groupPipeline);
      expect(read.groupPipelineTotal).toBe(live[0]!.groupPipelineTotal);
      for (const person of read.people) {
        const row = live.find((r) => r.userId === person.userId)!;
        expect({ name: person.name, score: person.score }).toEqual({ name: row.name, score: scores.get(row.userId) });
        expect(person.row?.pipeline).toEqual(row.pipeline);
        expect(person.row && repScoreOf(objectives, person.row).score).toBe(person.score);
      }
    }
    expect(await storedRepScoreProblems(handle.db, world.orgId)).toEqual([]);
  });

  it("a reader holding other weights scores the figures itself and stores its scores", async () => {
    await reviewedToday();
    await ranking({ head: 1, tail: 1 });
    const other = { ...strategy, objectives: strategy.objectives.map((o, i) => ({ ...o, weight: i === 0 ? 90 : 1 })) };
    const live = await loadRepScoreRows(handle.db, world.orgId, other, everyone);
    const read = await ranking({ head: 1, tail: 1 }, other);
    expect(read.people.map((p) => [p.userId, p.score]).sort()).toEqual(
      live.map((row) => [row.userId, repScoreOf(scoringObjectives(other), row).score]).sort(),
    );
    expect(await storedRepScoreProblems(handle.db, world.orgId)).toEqual([]);
  });

  it("a read-only transaction ranks without storing", async () => {
    const read = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set transaction read only`);
      return ranking({ head: 10, tail: 10 }, strategy, tx);
    });
    expect(read.people).toHaveLength(world.members.length);
    expect(read.people.every((p) => p.row !== null)).toBe(true);
    expect(await current()).toEqual([]);
  });
});
