/**
 * What a team's home needs of its people (docs/home.md, docs/performance.md "Stored rep scores"), in one statement
 * whose answer does not grow with the team: how many people, how many reviews are due, the group's pipeline summed
 * by SQL, and the few people who can be shown — those who can be among the `ends.head` highest or the `ends.tail`
 * lowest scores (ties included, with their figures), and those who can be among the `reviewRows` most urgent
 * reviews (ties included). Names are read for those people only: at 5,000 people, reading every name under
 * row-level security and sending every person was most of the admin's home. Scores come from the stored rows when
 * current; the others are computed live and stored (as the heat-map's summary does) and are always sent, their score
 * unknown to SQL. The people shown are the same as with everyone sent: a person among the final highest (lowest)
 * is among the highest (lowest) of the current rows or not current; the review order (reviewsDueFirst) depends on
 * the review's state and due date first, both computed here as reviewDue does, and on the name last.
 */
import { sql, type SQL } from "drizzle-orm";
import { selectRows, type Database } from "@/db/client";
import { addDays } from "@/server/domain/dates";
import { REVIEW_DUE_WINDOW_DAYS, URGENCY } from "@/server/domain/home";
import { rollAlignmentClock } from "./alignment-clock";
import { repScoreOf, type RepScoreRow } from "./rep-scores";
import { rankedCte, refreshRows, scoreRow, sumsCte, type GroupSums, type StoredFigures } from "./rep-score-store";
import type { StrategyDetail } from "./strategies";
import { scoringObjectives, teamSeats, type PeopleSelector } from "./people-alignment";

/** A person who can be shown on the home: among the ranking's ends, the most urgent reviews, or both. */
export interface HomePerson {
  userId: string;
  name: string;
  score: number;
  /** The figures (scoreRow of the stored or live figures) when the person can be among the ranking's ends; else null. */
  row: RepScoreRow | null;
  /** Can be among the most urgent reviews (their review is due, overdue or was never shared). */
  reviewDue: boolean;
  lastSharedAt: string | null;
  lastReviewScore: number | null;
}

export interface HomeTeam {
  /** How many people the team has, and how many of them have a review due, overdue or never shared. */
  count: number;
  dueCount: number;
  /** The people who can be shown (see HomePerson), in no particular order. */
  people: HomePerson[];
  /** The group's pipeline per objective, not rounded, and its total rounded (as in RepScoreRow). */
  groupPipeline: RepScoreRow["groupPipeline"];
  groupPipelineTotal: string;
}

interface HomeTeamRow {
  count: number;
  dueCount: number;
  sums: GroupSums | null;
  readOnly: boolean;
  people: {
    userId: string;
    name: string;
    score: number | null;
    current: boolean;
    atEnds: boolean;
    reviewDue: boolean;
    /** Only for the current rows that can be among the ends. */
    figures: StoredFigures | null;
    lastSharedAt: string | null;
    lastReviewScore: number | null;
  }[];
}

/** Each person's review urgency (URGENCY's codes) and due date, as reviewDue computes them from the last shared review. */
function urgencyCte(
  orgId: string,
  who: Extract<PeopleSelector, { kind: "team" | "organization" }>,
  today: string,
  overdueDays: number,
): SQL {
  const subjects = who.kind === "organization" ? sql`` : sql` and r.subject_id in (select p.user_id from people p)`;
  return sql`last_reviews as (
      select distinct on (r.subject_id) r.subject_id as user_id, r.shared_at, r.score
      from reviews r where r.org_id = ${orgId} and r.shared_at is not null${subjects}
      order by r.subject_id, r.shared_at desc
    ),
    reviewed as (
      select p.user_id, lr.shared_at, lr.score, lr.shared_at::date + ${overdueDays}::int as due_on
      from people p left join last_reviews lr on lr.user_id = p.user_id
    ),
    urgency as (
      select x.*, case when x.shared_at is null then ${URGENCY.never}::int
        when x.due_on < ${today}::date then ${URGENCY.overdue}::int
        when x.due_on <= ${addDays(today, REVIEW_DUE_WINDOW_DAYS)}::date then ${URGENCY.due}::int
        else ${URGENCY.ok}::int end as urgency
      from reviewed x
    )`;
}

export async function loadHomeTeam(
  db: Database,
  orgId: string,
  strategy: StrategyDetail,
  who: Extract<PeopleSelector, { kind: "team" | "organization" }>,
  ends: { head: number; tail: number },
  reviews: { rows: number; today: string; overdueDays: number },
): Promise<HomeTeam> {
  const objectives = scoringObjectives(strategy);
  await rollAlignmentClock(db);
  const [stored] = await selectRows<HomeTeamRow>(
    db,
    // The people by id only (storePeopleCte's names and name order are read for the people shown only).
    sql`with people as (
      select distinct m.user_id from team_members tm
      join memberships m on m.org_id = tm.org_id and m.user_id = tm.user_id
      where ${teamSeats(orgId, who)}
    ),
    ${rankedCte(orgId, strategy.id, objectives)},
    ${urgencyCte(orgId, who, reviews.today, reviews.overdueDays)},
    bounds as materialized (
      select (select r.score from ranked r where r.current order by r.score desc offset ${Math.max(0, ends.head - 1)} limit 1) as hi,
        (select r.score from ranked r where r.current order by r.score offset ${Math.max(0, ends.tail - 1)} limit 1) as lo
    ),
    -- The urgency and due date of the last review that can be listed (-infinity: never shared, no due date).
    due_bound as materialized (
      select u.urgency, coalesce(u.due_on, '-infinity'::date) as due_on from urgency u where u.urgency < ${URGENCY.ok}
      order by u.urgency, u.due_on nulls first offset ${Math.max(0, reviews.rows - 1)} limit 1
    ),
    ${sumsCte(orgId, strategy.id)},
    -- Materialized: the few people shown are picked before their names are read (not every name, then the pick).
    shown as materialized (
      select * from (
        select r.user_id, r.score, r.current, u.shared_at, u.score as review_score,
          r.current and (bd.hi is null or bd.lo is null or r.score >= bd.hi or r.score <= bd.lo) as at_ends,
          u.urgency < ${URGENCY.ok} and (due.urgency is null
            or (u.urgency, coalesce(u.due_on, '-infinity'::date)) <= (due.urgency, due.due_on)) as review_due
        from ranked r join urgency u on u.user_id = r.user_id
        cross join bounds bd left join due_bound due on true) x
      where not x.current or x.at_ends or x.review_due
    )
    select (select count(*)::int from people) as count,
      (select count(*)::int from urgency u where u.urgency < ${URGENCY.ok}) as "dueCount",
      (select sm.sums from sums sm) as sums,
      current_setting('transaction_read_only') = 'on' as "readOnly",
      coalesce((select json_agg(json_build_object('userId', x.user_id, 'name', us.name, 'score', x.score,
          'current', x.current, 'atEnds', x.at_ends, 'reviewDue', x.review_due,
          -- The figures (read by key) of the rows that can be among the ends only.
          'figures', case when x.at_ends then (select s.figures from rep_alignment_scores s
            where s.org_id = ${orgId} and s.strategy_id = ${strategy.id} and s.user_id = x.user_id) end,
          -- As text for the people shown only: timestamptz's output costs about 4 µs a row.
          'lastSharedAt', x.shared_at::text, 'lastReviewScore', x.review_score))
        from shown x join users us on us.id = x.user_id), '[]'::json) as people`,
  );
  const row = stored!;
  const { group, liveFigures } = await refreshRows(db, orgId, strategy, who, row.people, row);
  const people = row.people.map((person): HomePerson => {
    const review = {
      userId: person.userId,
      name: person.name,
      reviewDue: person.reviewDue,
      lastSharedAt: person.lastSharedAt,
      lastReviewScore: person.lastReviewScore,
    };
    if (person.current) {
      return { ...review, score: person.score!, row: person.figures && scoreRow(person, person.figures, group) };
    }
    const computed = scoreRow(person, liveFigures(person.userId), group);
    return { ...review, score: repScoreOf(objectives, computed).score, row: computed };
  });
  return { count: row.count, dueCount: row.dueCount, people, ...group };
}
