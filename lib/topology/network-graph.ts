/**
 * The connected components of an undirected graph, each in the order of `nodes`, the components
 * ordered by their first node. Deterministic: equal inputs give equal output.
 */
export function connectedComponents(nodes: readonly string[], edges: ReadonlyArray<readonly [string, string]>): string[][] {
  const neighbours = new Map<string, string[]>(nodes.map(node => [node, []]));
  for (const [a, b] of edges) {
    neighbours.get(a)?.push(b);
    neighbours.get(b)?.push(a);
  }
  const componentOf = new Map<string, number>();
  const components: string[][] = [];
  for (const start of nodes) {
    if (componentOf.has(start)) {
      continue;
    }
    const index = components.length;
    const members = new Set<string>([start]);
    componentOf.set(start, index);
    const queue = [start];
    while (queue.length > 0) {
      for (const next of neighbours.get(queue.shift()!) ?? []) {
        if (!componentOf.has(next)) {
          componentOf.set(next, index);
          members.add(next);
          queue.push(next);
        }
      }
    }
    components.push(nodes.filter(node => members.has(node)));
  }
  return components;
}
