/** What an admin's team picker offers first: every rep of every team (also the title of what it shows). */
export const WHOLE_ORGANIZATION = "Whole organization";

/**
 * `<option>`s for a team picker, indented by depth so the tree shows in a plain `<select>`; with
 * `wholeOrganization`, first the whole organization (value "": no team chosen).
 */
export function TeamOptions({
  teams,
  wholeOrganization = false,
}: {
  teams: readonly { id: string; name: string; depth: number }[] | undefined;
  wholeOrganization?: boolean;
}) {
  return (
    <>
      {wholeOrganization ? <option value="">{WHOLE_ORGANIZATION}</option> : null}
      {teams?.map((team) => (
        <option key={team.id} value={team.id}>
          {"\u00a0\u00a0".repeat(team.depth)}
          {team.name}
        </option>
      ))}
    </>
  );
}
