"use client";
import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from "@dnd-kit/core";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatMoney } from "@/components/format";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/provider";
import { Alert, Card, cx, Options, Select } from "@/components/ui";
import type { DealSearch } from "./deal-search";
import { DisqualifyDialog, type DisqualifyTarget } from "./disqualify-dialog";
import { DEAL_STAGES, STAGE_LABELS, type DealStage } from "./labels";
import { PipelineFilters, useDealSearch } from "./pipeline-filters";
import { PipelineTotals } from "./pipeline-totals";
import { FlagBadges, ScoreBadge } from "./score-badge";

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
  version: number;
}

/**
 * Arrow keys move a picked-up card to the next column left or right (the default moves 25 px at a time,
 * which is useless across columns). Space or Enter picks up and drops; Escape cancels.
 */
const columnCoordinates: KeyboardCoordinateGetter = (
  event,
  { context: { droppableRects, droppableContainers, collisionRect } },
) => {
  if (!collisionRect || (event.code !== "ArrowRight" && event.code !== "ArrowLeft")) return undefined;
  event.preventDefault();
  const columns = droppableContainers
    .getEnabled()
    .map((container) => droppableRects.get(container.id))
    .filter((rect): rect is NonNullable<typeof rect> => Boolean(rect))
    .sort((a, b) => a.left - b.left);
  const center = collisionRect.left + collisionRect.width / 2;
  const target =
    event.code === "ArrowRight"
      ? columns.find((rect) => rect.left > center)
      : [...columns].reverse().find((rect) => rect.right < center);
  if (!target) return undefined;
  return { x: target.left + (target.width - collisionRect.width) / 2, y: target.top + 56 };
};

function DealCard({
  deal,
  slug,
  canMove,
  saving,
  onMove,
}: {
  deal: BoardDeal;
  slug: string;
  canMove: boolean;
  /** Its last move is not confirmed yet: another one would name a stale version. */
  saving: boolean;
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
        "relative rounded-md bg-white p-3 text-sm shadow-sm ring-1 ring-slate-200",
        isDragging && "z-10 shadow-lg ring-brand-500",
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
        <ScoreBadge score={deal.score} />
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

function Column({ stage, count, children }: { stage: DealStage; count: number; children: React.ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  return (
    <section
      ref={setNodeRef}
      aria-label={`${STAGE_LABELS[stage]}: ${count} deals`}
      data-testid={`board-column-${stage}`}
      className={cx(
        "flex w-64 shrink-0 flex-col rounded-lg bg-slate-100 p-2",
        isOver && "bg-brand-50 ring-2 ring-brand-500",
      )}
    >
      <h2 className="flex items-center justify-between px-1 pb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">
        {STAGE_LABELS[stage]}
        <span className="rounded-full bg-white px-2 py-0.5 text-slate-700">{count}</span>
      </h2>
      {children}
    </section>
  );
}

function Board({ search, slug, userId, role }: { search: DealSearch; slug: string; userId: string; role: string }) {
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
  const canMove = (deal: BoardDeal) => role === "admin" || (role !== "viewer" && deal.ownerId === userId);
  const onMove = (deal: BoardDeal, stage: DealStage) => {
    if (stage === deal.stage) return;
    if (stage === "disqualified") {
      setDisqualifying({ id: deal.id, name: deal.name, version: deal.version });
      return;
    }
    setMoved((current) => ({ ...current, [deal.id]: { stage } }));
    move.mutate({ dealId: deal.id, version: deal.version, stage });
  };
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnCoordinates }),
  );
  const all = (board.data?.columns.flatMap((column) => column.items) ?? []).map((deal) => {
    const override = moved[deal.id];
    return override ? { ...deal, stage: override.stage, version: override.version ?? deal.version } : deal;
  });
  const nameOf = (id: string | number) => all.find((deal) => deal.id === id)?.name ?? "the deal";
  const stageOf = (id: string | number | undefined) => (id ? STAGE_LABELS[id as DealStage] : "no stage");
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${nameOf(active.id)}. Use the left and right arrow keys to choose a stage, space to drop, escape to cancel.`,
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
      <p className="sr-only" role="status" aria-live="polite">
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
              <Column key={column.stage} stage={column.stage} count={column.count + shift}>
                <ul className="flex min-h-24 flex-col gap-2">
                  {items.map((deal) => (
                    <DealCard
                      key={deal.id}
                      deal={deal}
                      slug={slug}
                      canMove={canMove(deal)}
                      saving={moved[deal.id] !== undefined && moved[deal.id]!.version === undefined}
                      onMove={onMove}
                    />
                  ))}
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
      <DisqualifyDialog target={disqualifying} onClose={() => setDisqualifying(null)} onDone={refresh} />
    </>
  );
}

export function PipelineBoard({ slug, userId, role }: { slug: string; userId: string; role: string }) {
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
