"""Reads a GraphML or GEXF file with networkx (an independent reader) and prints what it found as JSON.

Usage: read_graph.py graphml|gexf FILE
"""
import json
import sys

import networkx as nx


def plain(v):
    return v if isinstance(v, (str, int, float, bool)) or v is None else repr(v)


def main():
    kind, path = sys.argv[1], sys.argv[2]
    g = nx.read_graphml(path) if kind == "graphml" else nx.read_gexf(path)
    nodes = {str(n): {k: plain(v) for k, v in a.items()} for n, a in g.nodes(data=True)}
    triples = (
        g.edges(keys=True, data=True)
        if g.is_multigraph()
        else ((u, v, a.get("id"), a) for u, v, a in g.edges(data=True))
    )
    edges = [
        {"source": str(u), "target": str(v), "key": str(k), "attributes": {n: plain(x) for n, x in a.items()}}
        for u, v, k, a in triples
    ]
    types = {}
    for a in list(nodes.values()) + [e["attributes"] for e in edges]:
        for k, v in a.items():
            types.setdefault(k, set()).add(type(v).__name__)
    print(
        json.dumps(
            {
                "networkx": nx.__version__,
                "class": type(g).__name__,
                "directed": g.is_directed(),
                "nodes": nodes,
                "edges": edges,
                "types": {k: sorted(v) for k, v in types.items()},
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
