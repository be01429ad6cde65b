"""Models that hold each other by value in a cycle: a language whose structs embed their fields (Go, Rust) must
make those fields pointers or boxes, or the type would be infinitely large."""

from __future__ import annotations

from ..ir.model import Model


def by_value_cycles(models: tuple[Model, ...]) -> set[tuple[str, str]]:
    """(model, field wire name) pairs where a model holds another model by value inside a cycle (an alias's edge
    has the field name ""): the edges of a strongly connected component (Tarjan's algorithm, iterative)."""
    names = {m.name for m in models}
    graph: dict[str, list[tuple[str, str]]] = {}
    for m in models:
        edges = [(f.name, f.type.model) for f in m.fields if m.kind == "object"]
        if m.kind == "alias" and m.target is not None:
            edges.append(("", m.target.model))
        graph[m.name] = [(wire, target) for wire, target in edges if target in names and target is not None]
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    component: dict[str, int] = {}
    components = [0]

    def visit(root: str) -> None:
        work = [(root, 0)]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            node, i = work[-1]
            if i < len(graph[node]):
                work[-1] = (node, i + 1)
                target = graph[node][i][1]
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    work.append((target, 0))
                elif target not in component:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                components[0] += 1
                while True:
                    member = stack.pop()
                    component[member] = components[0]
                    if member == node:
                        break

    for name in graph:
        if name not in index:
            visit(name)
    return {(name, wire) for name, edges in graph.items() for wire, target in edges
            if component[name] == component[target]}  # fmt: skip
