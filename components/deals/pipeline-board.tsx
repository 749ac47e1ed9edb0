"use client";
import {
  DndContext,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from "@dnd-kit/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Suspense, lazy, useEffect, useRef, useState, type ButtonHTMLAttributes, type KeyboardEvent } from "react";
import { formatMoney } from "@/components/format";
import type { Role } from "@/server/authz/permissions";
import { allows } from "@/server/authz/record-rules";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Card, cx, Options, Select } from "@/components/ui";
import type { DealSearch } from "./deal-search";
import type { DisqualifyTarget } from "./disqualify-dialog";
import { DEAL_STAGES, STAGE_LABELS, type DealStage } from "@/server/domain/labels";
import { PipelineFilters, useDealSearch } from "./pipeline-filters";
import { PipelineTotals } from "./pipeline-totals";
import { ScoreBadge } from "@/components/alignment/score-badge";
import { RecomputingMark } from "@/components/alignment/recomputing";
import { FlagBadges } from "./flag-badges";

/**
 * The disqualify dialog loads when a card is first dropped on "Disqualified", not with the board: few visits open
 * it, and its code kept the board's first load over the JavaScript budget (tests/budget). React's lazy, as the
 * bell's panel: next/dynamic's runtime weighs more than it saves here.
 */
const DisqualifyDialog = lazy(() => import("./disqualify-dialog").then((m) => ({ default: m.DisqualifyDialog })));

interface BoardDeal {
  id: string;
  name: string;
  accountName: string;
  amount: string;
  currency: string;
  stage: DealStage;
  closeDate: string | null;
  ownerName: string;
  ownerId: string;
  score: number;
  flags: Parameters<typeof FlagBadges>[0]["flags"];
  recomputing: boolean;
  version: number;
}

/** A card picked up with the keyboard, and the stage it would be dropped on now. */
interface Carried {
  deal: BoardDeal;
  stage: DealStage;
}

type HandleProps = Pick<ButtonHTMLAttributes<HTMLButtonElement>, "autoFocus" | "onKeyDown" | "onFocus" | "onBlur">;

/**
 * Keyboard moves are the board's own, not dnd-kit's keyboard sensor: that sensor starts reading keys in a timer
 * after the pick-up and drops on the column of a later render, so a quick key was lost or the card dropped back
 * where it was. Here every key acts at once on the card whose handle has the focus, and is announced: Space or
 * Enter picks up and drops, ← and → choose the column, Escape (or leaving the handle) cancels.
 */
function useKeyboardMoves(
  stages: DealStage[],
  announce: (text: string) => void,
  onMove: (deal: BoardDeal, stage: DealStage) => void,
) {
  // The ref answers the next key even before React has rendered the last one.
  const carriedRef = useRef<Carried | null>(null);
  const [carried, setCarried] = useState<Carried | null>(null);
  // A dropped card re-appears in its new column: its handle takes the focus back, once.
  const [focusAfterMove, setFocusAfterMove] = useState<string | null>(null);
  const carry = (next: Carried | null) => {
    carriedRef.current = next;
    setCarried(next);
  };
  const onKey = (deal: BoardDeal, event: KeyboardEvent) => {
    const current = carriedRef.current;
    const pickOrDrop = event.key === " " || event.key === "Enter";
    if (pickOrDrop && event.repeat) {
      event.preventDefault(); // a held Space picks up once: it does not drop the card again where it was
      return;
    }
    if (!current) {
      if (!pickOrDrop) return;
      event.preventDefault();
      carry({ deal, stage: deal.stage });
      announce(
        `Picked up ${deal.name} in ${STAGE_LABELS[deal.stage]}. Use the left and right arrow keys to choose a stage, space to drop, escape to cancel.`,
      );
    } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      event.preventDefault();
      const index = stages.indexOf(current.stage) + (event.key === "ArrowRight" ? 1 : -1);
      const stage = stages[Math.min(Math.max(index, 0), stages.length - 1)] ?? current.stage;
      carry({ deal, stage });
      announce(`${deal.name} is over ${STAGE_LABELS[stage]}.`);
    } else if (pickOrDrop) {
      event.preventDefault();
      carry(null);
      announce(`${deal.name} dropped on ${STAGE_LABELS[current.stage]}.`);
      setFocusAfterMove(deal.id);
      onMove(deal, current.stage);
    } else if (event.key === "Escape") {
      event.preventDefault();
      carry(null);
      announce(`Moving ${deal.name} was cancelled.`);
    }
  };
  const handleProps = (deal: BoardDeal, saving: boolean): HandleProps => ({
    autoFocus: focusAfterMove === deal.id,
    onKeyDown: (event) => {
      if (!saving) onKey(deal, event);
    },
    onFocus: () => setFocusAfterMove(null),
    onBlur: () => {
      if (carriedRef.current?.deal.id !== deal.id) return;
      carry(null);
      announce(`Moving ${deal.name} was cancelled.`);
    },
  });
  return { carried, handleProps };
}

function DealCard({
  deal,
  slug,
  canMove,
  saving,
  carried,
  handleProps,
  onMove,
}: {
  deal: BoardDeal;
  slug: string;
  canMove: boolean;
  /** Its last move is not confirmed yet: another one would name a stale version. */
  saving: boolean;
  /** Picked up with the keyboard. */
  carried: boolean;
  /** The keyboard moves' handlers for its drag handle. */
  handleProps: HandleProps;
  onMove: (deal: BoardDeal, stage: DealStage) => void;
}) {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: deal.id,
    data: { deal },
    disabled: !canMove || saving,
  });
  return (
    <li
      ref={setNodeRef}
      data-testid={`board-card-${deal.id}`}
      style={transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined}
      className={cx(
        "relative rounded-md bg-white p-3 text-sm",
        isDragging || carried ? "z-10 shadow-lg ring-2 ring-brand-500" : "shadow-sm ring-1 ring-slate-200",
      )}
    >
      <div className="flex items-start gap-2">
        {canMove ? (
          <button
            type="button"
            className="mt-0.5 cursor-grab rounded px-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
            aria-label={`Drag ${deal.name} to another stage`}
            {...attributes}
            {...listeners}
            {...handleProps}
            aria-pressed={isDragging || carried}
          >
            <span aria-hidden>⠿</span>
          </button>
        ) : null}
        <div className="min-w-0 flex-1">
          <Link
            href={`/o/${slug}/deals/${deal.id}`}
            className="block font-medium text-slate-900 hover:text-brand-700 hover:underline"
          >
            {deal.name}
          </Link>
          <p className="truncate text-xs text-slate-500">{deal.accountName}</p>
        </div>
      </div>
      <div className="mt-2 flex items-center justify-between gap-2 text-xs text-slate-600">
        <span className="tabular-nums">{formatMoney(deal.amount, deal.currency)}</span>
        <span>
          <ScoreBadge score={deal.score} size="bar" />
          <RecomputingMark recomputing={deal.recomputing} />
        </span>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {deal.ownerName}
        {deal.closeDate ? ` · closes ${deal.closeDate}` : ""}
      </p>
      {deal.flags.length > 0 ? (
        <div className="mt-2">
          <FlagBadges flags={deal.flags} limit={2} />
        </div>
      ) : null}
      {canMove ? (
        <label className="mt-2 block text-xs">
          <span className="sr-only">Move {deal.name} to</span>
          <Select
            className="w-full py-1 text-xs"
            value=""
            disabled={saving}
            onChange={(event) => event.target.value && onMove(deal, event.target.value as DealStage)}
          >
            <option value="">Move to…</option>
            <Options
              values={DEAL_STAGES.filter((stage) => stage !== deal.stage)}
              label={(stage) => STAGE_LABELS[stage]}
            />
          </Select>
        </label>
      ) : null}
    </li>
  );
}

function Column({
  stage,
  count,
  targeted,
  children,
}: {
  stage: DealStage;
  count: number;
  /** A card picked up with the keyboard would be dropped here. */
  targeted: boolean;
  children: React.ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  // The board scrolls sideways to a column chosen with the keyboard (its heading: the column may be taller than the
  // window, and the page should not jump).
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (targeted) heading.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [targeted]);
  return (
    <section
      ref={setNodeRef}
      aria-label={`${STAGE_LABELS[stage]}: ${count} deals`}
      data-testid={`board-column-${stage}`}
      className={cx(
        "flex w-64 shrink-0 flex-col rounded-lg p-2",
        isOver || targeted ? "bg-brand-50 ring-2 ring-brand-500" : "bg-slate-100",
      )}
    >
      <h2
        ref={heading}
        className="flex items-center justify-between px-1 pb-2 text-xs font-semibold uppercase tracking-wide text-slate-600"
      >
        {STAGE_LABELS[stage]}
        <span className="rounded-full bg-white px-2 py-0.5 text-slate-700">{count}</span>
      </h2>
      {children}
    </section>
  );
}

function Board({ search, slug, userId, role }: { search: DealSearch; slug: string; userId: string; role: Role }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Changing a filter keeps the current board on screen until the new one arrives (no flash, focus kept).
  const board = useQuery({
    ...trpc.deals.board.queryOptions({ filters: search.filters, perStage: 50 }),
    placeholderData: keepPreviousData,
  });
  /**
   * Moves shown before the board refetches: the new stage at once, and the new version as soon as the
   * server answers — so a second move of the same card names the version it really has now.
   */
  const [moved, setMoved] = useState<Record<string, { stage: DealStage; version?: number }>>({});
  const [disqualifying, setDisqualifying] = useState<DisqualifyTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.deals.board.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.deals.totals.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.deals.list.pathKey() }),
    ]);
    setMoved({});
  };
  const move = useMutation(
    trpc.deals.move.mutationOptions({
      onSuccess: (result) => {
        setMoved((current) => ({ ...current, [result.id]: { stage: result.stage, version: result.version } }));
        setNotice(`Moved to ${STAGE_LABELS[result.stage]}.`);
      },
      onError: (error) => setNotice(errorMessage(error)),
      onSettled: refresh,
    }),
  );
  const canMove = (deal: BoardDeal) => allows({ userId, role }, "deal.edit", deal);
  const onMove = (deal: BoardDeal, stage: DealStage) => {
    if (stage === deal.stage) return;
    if (stage === "disqualified") {
      setDisqualifying({ id: deal.id, name: deal.name, version: deal.version });
      return;
    }
    setMoved((current) => ({ ...current, [deal.id]: { stage } }));
    move.mutate({ dealId: deal.id, version: deal.version, stage });
  };
  const keyboard = useKeyboardMoves(board.data?.columns.map((column) => column.stage) ?? [], setNotice, onMove);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));
  const all = (board.data?.columns.flatMap((column) => column.items) ?? []).map((deal) => {
    const override = moved[deal.id];
    return override ? { ...deal, stage: override.stage, version: override.version ?? deal.version } : deal;
  });
  const nameOf = (id: string | number) => all.find((deal) => deal.id === id)?.name ?? "the deal";
  const stageOf = (id: string | number | undefined) => (id ? STAGE_LABELS[id as DealStage] : "no stage");
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}.`,
    onDragOver: ({ active, over }) => `${nameOf(active.id)} is over ${stageOf(over?.id)}.`,
    onDragEnd: ({ active, over }) =>
      over ? `${nameOf(active.id)} dropped on ${stageOf(over.id)}.` : `${nameOf(active.id)} dropped.`,
    onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled.`,
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const deal = (active.data.current as { deal?: BoardDeal } | undefined)?.deal;
    if (deal && over) onMove(deal, over.id as DealStage);
  };

  if (board.isPending) {
    return (
      <p className="text-sm text-slate-500" role="status">
        Loading the board…
      </p>
    );
  }
  if (board.isError) return <Alert>{errorMessage(board.error)}</Alert>;
  return (
    <>
      <p className="sr-only" role="status" aria-live="polite" data-testid="board-announcements">
        {notice}
      </p>
      {move.error ? <Alert>{errorMessage(move.error)} The board shows the latest state.</Alert> : null}
      <DndContext
        sensors={sensors}
        onDragEnd={onDragEnd}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              "To move a deal, press space or enter, use the left and right arrow keys to choose a stage, and press space or enter again. Escape cancels.",
          },
        }}
      >
        <div className="relative -mx-2 flex gap-3 overflow-x-auto px-2 pb-4">
          {board.data.columns.map((column) => {
            const items = all.filter((deal) => deal.stage === column.stage);
            const shift = items.length - column.items.length;
            return (
              <Column
                key={column.stage}
                stage={column.stage}
                count={column.count + shift}
                targeted={keyboard.carried?.stage === column.stage && keyboard.carried.deal.stage !== column.stage}
              >
                <ul className="flex min-h-24 flex-col gap-2">
                  {items.map((deal) => {
                    const saving = moved[deal.id] !== undefined && moved[deal.id]!.version === undefined;
                    return (
                      <DealCard
                        key={deal.id}
                        deal={deal}
                        slug={slug}
                        canMove={canMove(deal)}
                        saving={saving}
                        carried={keyboard.carried?.deal.id === deal.id}
                        handleProps={keyboard.handleProps(deal, saving)}
                        onMove={onMove}
                      />
                    );
                  })}
                </ul>
                {column.count > column.items.length ? (
                  <p className="mt-2 px-1 text-xs text-slate-500">
                    +{column.count - column.items.length} more in the list view
                  </p>
                ) : null}
              </Column>
            );
          })}
        </div>
      </DndContext>
      {disqualifying ? (
        <Suspense fallback={null}>
          <DisqualifyDialog target={disqualifying} onClose={() => setDisqualifying(null)} onDone={refresh} />
        </Suspense>
      ) : null}
    </>
  );
}

export function PipelineBoard({ slug, userId, role }: { slug: string; userId: string; role: Role }) {
  const [search, setSearch] = useDealSearch();
  return (
    <div className="space-y-4">
      <Card>
        <PipelineFilters search={search} onChange={setSearch} showOwner={role !== "rep"} />
      </Card>
      <PipelineTotals search={search} />
      <Board search={search} slug={slug} userId={userId} role={role} />
    </div>
  );
}
