import { formatSum } from "./format";

/** A sum of open pipeline, with a visible note when it adds up amounts in different currencies (not converted). */
export function MoneySum({ amount, currencies, compact = false }: { amount: string; currencies: readonly string[]; compact?: boolean }) {
  const text = formatSum(amount, currencies, { compact });
  if (currencies.length < 2) return <>{text}</>;
  return (
    <>
      {text}
      <span className="mt-1 block text-xs font-normal text-amber-800" title={`Amounts in ${currencies.join(", ")} added up without conversion`}>
        mixed currencies (not converted): {currencies.join(", ")}
      </span>
    </>
  );
}
