/** `<option>`s for a member picker: each member by name, valued by their user id. */
export function MemberOptions({ members }: { members: readonly { userId: string; name: string }[] }) {
  return members.map((member) => (
    <option key={member.userId} value={member.userId}>
      {member.name}
    </option>
  ));
}
