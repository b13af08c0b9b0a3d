// Rows of the node-tree picture: depth-first from each root, children by level then id, so a
// node is drawn below its parent and indented one step. A parent outside the list makes a root;
// a cycle in reported parents cannot hang the layout (each node is placed once).

export interface LayoutInput {
  id: string;
  parentId: string | null;
  unitLevel: number;
}

export interface LayoutRow<T extends LayoutInput> {
  node: T;
  depth: number;
  /** Row index of the parent, null for a root. */
  parentRow: number | null;
}

export function layoutNodeTree<T extends LayoutInput>(nodes: readonly T[]): LayoutRow<T>[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const order = (a: T, b: T) => a.unitLevel - b.unitLevel || a.id.localeCompare(b.id);
  const children = new Map<string, T[]>();
  for (const n of nodes) {
    if (n.parentId && byId.has(n.parentId) && n.parentId !== n.id) {
      children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
    }
  }
  const rows: LayoutRow<T>[] = [];
  const placed = new Set<string>();
  const visit = (node: T, depth: number, parentRow: number | null) => {
    if (placed.has(node.id)) return;
    placed.add(node.id);
    const row = rows.length;
    rows.push({ node, depth, parentRow });
    for (const child of [...(children.get(node.id) ?? [])].sort(order)) visit(child, depth + 1, row);
  };
  const roots = nodes.filter((n) => !n.parentId || !byId.has(n.parentId) || n.parentId === n.id).sort(order);
  for (const root of roots) visit(root, 0, null);
  // Whatever a cycle kept out of reach becomes a root of its own.
  for (const n of [...nodes].sort(order)) visit(n, 0, null);
  return rows;
}
