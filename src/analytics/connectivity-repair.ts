// Splits communities that are not connected in their induced subgraph into their connected components.
import type { AbstractGraph } from 'graphology-types';
import { compareStrings } from './ordering.js';

export interface RepairedPartition {
  /** Each community's members sorted by id; communities sorted by their smallest member. */
  communities: string[][];
  /** How many input communities were not connected and had to be split. */
  splitCommunities: number;
}

/**
 * Louvain can return a community whose members are not connected inside it (a node that bridged two groups
 * moves away in a later pass and leaves them disconnected; Traag et al. 2019). A ring must be one connected
 * group of actors, so each community becomes its connected components.
 */
export function repairConnectivity(
  graph: AbstractGraph,
  communityOf: Readonly<Record<string, number>>,
): RepairedPartition {
  const members = new Map<number, string[]>();
  graph.forEachNode((node) => {
    const community = communityOf[node];
    if (community === undefined) throw new RangeError(`node ${node} has no community`);
    const list = members.get(community);
    if (list === undefined) members.set(community, [node]);
    else list.push(node);
  });

  const communities: string[][] = [];
  let splitCommunities = 0;
  const seen = new Set<string>();
  for (const nodes of members.values()) {
    let components = 0;
    for (const start of nodes) {
      if (seen.has(start)) continue;
      const community = communityOf[start];
      const component: string[] = [];
      const stack = [start];
      seen.add(start);
      while (stack.length > 0) {
        const node = stack.pop()!;
        component.push(node);
        graph.forEachNeighbor(node, (neighbor) => {
          if (!seen.has(neighbor) && communityOf[neighbor] === community) {
            seen.add(neighbor);
            stack.push(neighbor);
          }
        });
      }
      communities.push(component.sort(compareStrings));
      components++;
    }
    if (components > 1) splitCommunities++;
  }
  communities.sort((x, y) => compareStrings(x[0] ?? '', y[0] ?? ''));
  return { communities, splitCommunities };
}
