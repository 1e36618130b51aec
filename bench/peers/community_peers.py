"""Community detection peers for npm run bench:scale: load a weighted edge list, detect, print JSON timings.

Input: a file of "u v w" lines (integer node ids 0..n-1, float weights), the node count as argv[2].
Each peer's load and detect times are measured separately, in seconds, on this same graph.
"""
import json
import sys
import time


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main() -> None:
    path, n = sys.argv[1], int(sys.argv[2])
    results = {}

    import igraph as ig

    def load_igraph():
        edges, weights = [], []
        with open(path) as f:
            for line in f:
                u, v, w = line.split()
                edges.append((int(u), int(v)))
                weights.append(float(w))
        g = ig.Graph(n=n, edges=edges)
        g.es["weight"] = weights
        return g

    g, load = timed(load_igraph)
    part, t = timed(lambda: g.community_multilevel(weights="weight"))
    results["igraph Louvain (multilevel)"] = {"load": load, "detect": t, "communities": len(part), "modularity": part.modularity}
    part, t = timed(lambda: g.community_leiden(objective_function="modularity", weights="weight", n_iterations=2))
    results["igraph Leiden"] = {"load": load, "detect": t, "communities": len(part), "modularity": g.modularity(part.membership, weights="weight")}

    import leidenalg as la

    part, t = timed(lambda: la.find_partition(g, la.ModularityVertexPartition, weights="weight", seed=7))
    results["leidenalg"] = {"load": load, "detect": t, "communities": len(part), "modularity": part.modularity}

    import networkit as nk

    def load_networkit():
        G = nk.Graph(n, weighted=True)
        with open(path) as f:
            for line in f:
                u, v, w = line.split()
                G.addEdge(int(u), int(v), float(w))
        return G

    G, load = timed(load_networkit)

    def plm():
        algo = nk.community.PLM(G, refine=False)
        algo.run()
        return algo.getPartition()

    p, t = timed(plm)
    results["NetworKit PLM"] = {"load": load, "detect": t, "communities": p.numberOfSubsets(), "modularity": nk.community.Modularity().getQuality(p, G), "threads": nk.getMaxNumberOfThreads()}
    print(json.dumps(results))


if __name__ == "__main__":
    main()
