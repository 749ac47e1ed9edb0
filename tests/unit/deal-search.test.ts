import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dealSearchParams, parseDealSearch, type DealSearch } from "@/components/deals/deal-search";
import { DEAL_STAGES, OPEN_STAGES } from "@/server/domain/deal-alignment";

const parse = (query: string) => parseDealSearch(new URLSearchParams(query));

describe("the pipeline's view in the URL", () => {
  it('"stage=open" stands for every open stage, and is how the open pipeline is written', () => {
    expect(parse("stage=open").filters.stages).toEqual([...OPEN_STAGES]);
    expect(
      dealSearchParams({
        filters: { stages: [...OPEN_STAGES].reverse() },
        sort: { by: "closeDate", dir: "asc" },
      }).toString(),
    ).toBe("stage=open");
    expect(
      dealSearchParams({
        filters: { stages: ["proposal", "closed_won"] },
        sort: { by: "amount", dir: "desc" },
      }).toString(),
    ).toBe("stage=proposal&stage=closed_won&sort=amount&dir=desc");
  });

  it("drops values that do not parse instead of failing", () => {
    expect(parse("stage=nope&owner=1&team=x&from=2026-13&min=-5&sort=evil&dir=up")).toEqual({
      filters: {},
      sort: { by: "closeDate", dir: "asc" },
    });
    expect(parse("from=2026-12-31&to=2026-01-01").filters).toEqual({ closeFrom: "2026-12-31" });
  });

  it("property: any set of stages survives a round trip through the URL", () => {
    fc.assert(
      fc.property(fc.subarray([...DEAL_STAGES], { minLength: 1 }), (stages) => {
        const search: DealSearch = { filters: { stages }, sort: { by: "closeDate", dir: "asc" } };
        const back = parseDealSearch(dealSearchParams(search));
        expect(new Set(back.filters.stages)).toEqual(new Set(stages));
      }),
    );
  });
});
