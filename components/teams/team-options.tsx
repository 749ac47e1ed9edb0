/** `<option>`s for a team picker, indented by depth so the tree shows in a plain `<select>`. */
export function TeamOptions({ teams }: { teams: readonly { id: string; name: string; depth: number }[] | undefined }) {
  return (
    <>
      {teams?.map((team) => (
        <option key={team.id} value={team.id}>
          {"\u00a0\u00a0".repeat(team.depth)}
          {team.name}
        </option>
      ))}
    </>
  );
}
