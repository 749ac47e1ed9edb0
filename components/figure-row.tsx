import type { ReactNode } from "react";

/**
 * One row of a figure table (the table alternative of a chart, or a chart drawn as a table): its label as the row
 * header, an optional decoration cell (`children`, e.g. an aria-hidden bar), then the figures, right-aligned.
 */
export function FigureRow({ label, cells, children }: { label: ReactNode; cells: ReactNode[]; children?: ReactNode }) {
  return (
    <tr className="border-t border-slate-100">
      <th scope="row" className="py-1.5 pr-2 text-left font-normal text-slate-800">
        {label}
      </th>
      {children}
      {cells.map((cell, i) => (
        <td key={i} className="py-1.5 pl-2 text-right tabular-nums text-slate-700">
          {cell}
        </td>
      ))}
    </tr>
  );
}

/** The header of a figure table: the rows' label column, an optional decoration column (`children`), the figures. */
export function FigureHead({ columns, children }: { columns: [string, ...string[]]; children?: ReactNode }) {
  return (
    <thead>
      <tr className="text-left text-xs text-slate-600">
        <th scope="col" className="pb-2 font-medium">
          {columns[0]}
        </th>
        {children}
        {columns.slice(1).map((column) => (
          <th key={column} scope="col" className="pb-2 pl-2 text-right font-medium">
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
