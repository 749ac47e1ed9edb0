"use client";
import { useId, useState } from "react";
import { THEME_COOKIE, THEMES, type Theme } from "./theme";

/** Shows the theme at once and remembers it for a year (the root layout renders the next page in it). */
function applyTheme(theme: Theme) {
  document.documentElement.setAttribute("data-theme", theme);
  document.cookie = `${THEME_COOKIE}=${theme}; path=/; max-age=31536000; samesite=lax`;
}

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

/**
 * The theme switch: sets `<html data-theme>` at once and remembers the choice for a year in a cookie, which the root
 * layout reads to render the next page in the same theme (no flash on load, no inline script under the CSP).
 */
export function ThemeSwitch({ initial }: { initial: Theme }) {
  const [theme, setTheme] = useState(initial);
  const name = useId();
  function choose(next: Theme) {
    setTheme(next);
    applyTheme(next);
  }
  return (
    <fieldset className="flex items-center gap-1 text-xs">
      <legend className="sr-only">Theme</legend>
      {THEMES.map((option) => (
        <label
          key={option}
          className="cursor-pointer rounded px-2 py-1 text-slate-600 has-checked:bg-slate-100 has-checked:font-semibold has-checked:text-slate-900 has-focus-visible:outline-2 has-focus-visible:outline-brand-500"
        >
          <input
            type="radio"
            name={name}
            value={option}
            checked={theme === option}
            onChange={() => choose(option)}
            className="sr-only"
          />
          {LABELS[option]}
        </label>
      ))}
    </fieldset>
  );
}
