"use client";
/**
 * The stakeholder map as an org chart: React Flow draws it, elkjs lays it out (layered, top-down). Dropping a
 * person onto another makes them report to that person; the list beside it does the same by keyboard.
 */
import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  ReactFlow,
  useNodesState,
  type Edge,
  type Node,
  type NodeProps,
  Handle,
  Position,
} from "@xyflow/react";
import { useEffect, useMemo } from "react";
import { cx } from "@/components/ui";
import { CARD_HEIGHT as HEIGHT, CARD_WIDTH as WIDTH, chartEdges, layoutChart } from "./chart-layout";
import type { Plan } from "./plan-view";
import { ROLE_LABELS, STANCE_LABELS } from "@/server/domain/stakeholder-labels";

type Person = Plan["contacts"][number];
type PersonNode = Node<{ person: Person; gaps: string[] }, "person">;

function PersonCard({ data }: NodeProps<PersonNode>) {
  const { person, gaps } = data;
  return (
    <div
      className={cx(
        "w-[220px] rounded-md bg-white px-3 py-2 text-xs shadow ring-1",
        gaps.length > 0 ? "ring-2 ring-red-500" : "ring-slate-300",
      )}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <p className="truncate text-sm font-semibold text-slate-900">{person.name}</p>
      <p className="truncate text-slate-600">{person.title ?? ""}</p>
      {person.onMap ? (
        <p className="truncate text-slate-700">
          {person.buyingRole ? ROLE_LABELS[person.buyingRole] : "Role unknown"} · {STANCE_LABELS[person.stance]} ·
          influence {person.influence}
        </p>
      ) : (
        <p className="text-slate-500">Not on the map</p>
      )}
      {gaps.length > 0 ? <p className="truncate font-medium text-red-700">⚠ {gaps.length} gap(s)</p> : null}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { person: PersonCard };

export function StakeholderDiagram({
  contacts,
  gaps,
  canEdit,
  onMoveUnder,
}: {
  contacts: Person[];
  gaps: Plan["gaps"];
  canEdit: boolean;
  onMoveUnder: (contactId: string, reportsToId: string | null) => void;
}) {
  const [nodes, setNodes, onNodesChange] = useNodesState<PersonNode>([]);
  const edges: Edge[] = useMemo(() => chartEdges(contacts), [contacts]);
  useEffect(() => {
    let cancelled = false;
    void layoutChart(
      contacts.map((c) => c.contactId),
      edges,
    ).then((position) => {
      if (cancelled) return;
      setNodes(
        contacts.map((person) => ({
          id: person.contactId,
          type: "person",
          position: position.get(person.contactId) ?? { x: 0, y: 0 },
          data: { person, gaps: gaps.filter((g) => g.contactId === person.contactId).map((g) => g.message) },
          ariaLabel: `${person.name}${person.title ? `, ${person.title}` : ""}`,
        })),
      );
    });
    return () => {
      cancelled = true;
    };
  }, [contacts, edges, gaps, setNodes]);
  return (
    <div className="h-[28rem] rounded-md ring-1 ring-slate-200" data-testid="stakeholder-diagram">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        nodesDraggable={canEdit}
        nodesConnectable={false}
        fitView
        onNodeDragStop={(_event, node) => {
          const target = nodes.find(
            (other) =>
              other.id !== node.id &&
              Math.abs(other.position.x - node.position.x) < WIDTH / 2 &&
              Math.abs(other.position.y - node.position.y) < HEIGHT / 2,
          );
          if (target) onMoveUnder(node.id, target.id);
        }}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
      <p className="sr-only">Use the “reports to” lists below the chart to change it by keyboard.</p>
    </div>
  );
}
