import { formatSum } from "./format";

/**
 * A sum of open pipeline, with a visible note when it adds up amounts in different currencies (not converted):
 * on a line of its own (a stat card), or `inline` within a sentence.
 */
export function MoneySum({
  amount,
  currencies,
  compact = false,
  inline = false,
}: {
  amount: string;
  currencies: readonly string[];
  compact?: boolean;
  inline?: boolean;
}) {
  const text = formatSum(amount, currencies, { compact });
  if (currencies.length < 2) return <>{text}</>;
  const note = `mixed currencies (not converted): ${currencies.join(", ")}`;
  return (
    <>
      {text}
      <span
        className={inline ? "text-xs font-normal text-amber-800" : "mt-1 block text-xs font-normal text-amber-800"}
        title={`Amounts in ${currencies.join(", ")} added up without conversion`}
      >
        {inline ? ` (${note})` : note}
      </span>
    </>
  );
}
