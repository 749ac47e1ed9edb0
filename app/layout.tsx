import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { THEME_COOKIE, parseTheme } from "@/components/theme/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Tandem", template: "%s · Tandem" },
  description:
    "Align rep goals, company strategy and the customer's interests — and disqualify deals where they don't.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request headers renders every page per request, which the CSP nonce requires.
  await headers();
  // The chosen theme, rendered on the server so that the first paint is in it ("system" follows the OS in CSS).
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      {/* No client provider here: the sections that call tRPC from the browser render it (components/trpc). */}
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
