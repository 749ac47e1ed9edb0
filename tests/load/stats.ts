/** Latency statistics and plain-text tables for the load and fault scripts. */

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [
    headers,
    ...rows.map((row) =>
      row.map((cell) => (typeof cell === "number" ? (Number.isInteger(cell) ? String(cell) : cell.toFixed(1)) : cell)),
    ),
  ];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => String(row[i] ?? "").length)));
  const line = (row: (string | number)[]) =>
    `| ${row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join("\n");
}

export interface Sample {
  op: string;
  ms: number;
  ok: boolean;
  status: number;
  code?: string;
  /** Milliseconds since the load started. */
  at: number;
}

export function latencyTable(samples: Sample[], seconds: number): string {
  const ops = [...new Set(samples.map((s) => s.op))].sort();
  const row = (label: string, list: Sample[]) => {
    const ms = list.map((s) => s.ms).sort((a, b) => a - b);
    return [
      label,
      list.length,
      list.filter((s) => !s.ok).length,
      percentile(ms, 50),
      percentile(ms, 95),
      percentile(ms, 99),
      ms.at(-1) ?? Number.NaN,
      list.length / seconds,
    ];
  };
  return table(
    ["procedure", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s"],
    [
      ...ops.map((op) =>
        row(
          op,
          samples.filter((s) => s.op === op),
        ),
      ),
      row("ALL", samples),
    ],
  );
}
