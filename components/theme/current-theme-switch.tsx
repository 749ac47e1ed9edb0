import { cookies } from "next/headers";
import { THEME_COOKIE, parseTheme } from "./theme";
import { ThemeSwitch } from "./theme-switch";

/** The theme switch, starting from the theme the request's cookie names (server component). */
export async function CurrentThemeSwitch() {
  return <ThemeSwitch initial={parseTheme((await cookies()).get(THEME_COOKIE)?.value)} />;
}
