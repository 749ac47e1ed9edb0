/** Which table a uuid field of a procedure's input refers to, from the field's name (the security tests' id chooser). */

const PERSON_FIELDS =
  /^(user|owner|subject|reviewer|author|actor|manager|member|rep|invitedBy|invited_by|assignee|collaborator|creator|createdBy|created_by|person|people)s?$/i;

/** "parentTeamId" → ["parent_team", "team"]; "stakeholderIds" → ["stakeholder"]. */
function fieldStems(field: string): string[] {
  const base = field.replace(/(_?[iI]ds?)$/, "");
  const words = base
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[_\s]+/)
    .filter(Boolean);
  return words.map((_, i) => words.slice(i).join("_"));
}

function plurals(stem: string): string[] {
  return [stem, `${stem}s`, `${stem}es`, stem.endsWith("y") ? `${stem.slice(0, -1)}ies` : `${stem}s`];
}

/** The table a uuid field most likely refers to, or null ("id", unknown names). */
export function tableForField(field: string, tables: readonly string[]): string | null {
  const base = field.replace(/(_?[iI]ds?)$/, "");
  if (PERSON_FIELDS.test(base)) return "users";
  for (const stem of fieldStems(field)) {
    if (!stem) continue;
    for (const name of plurals(stem)) {
      if (tables.includes(name)) return name;
      const suffixed = tables.find((table) => table.endsWith(`_${name}`));
      if (suffixed) return suffixed;
    }
  }
  return null;
}
