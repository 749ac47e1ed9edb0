export const metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">We could not find that page</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        It may have been moved or deleted, or it belongs to an organization you are not a member of.
      </p>
      {/* A plain link: next/link here puts a second copy of its runtime in every page's first load (docs/home.md). */}
      {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load of the dashboard is fine from a 404 */}
      <a href="/" className="mt-6 text-sm font-medium text-brand-700 hover:underline">
        Back to your dashboard
      </a>
    </main>
  );
}
