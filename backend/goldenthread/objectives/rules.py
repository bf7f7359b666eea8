"""Pure rules of the golden thread: which links are allowed, and walking the link graph."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from goldenthread.plans.rules import PlanLevel, is_higher

Graph = Mapping[int, Iterable[int]]


def link_refusal(child_level: PlanLevel, parent_level: PlanLevel) -> str | None:
    """An objective contributes only to objectives of higher plans."""
    if child_level is parent_level:
        return (
            f"both objectives are in {child_level.value} plans: an objective contributes to an "
            "objective of a higher plan"
        )
    if not is_higher(parent_level, child_level):
        return (
            f"a {child_level.value} objective cannot contribute to a {parent_level.value} "
            "objective, which is lower in the hierarchy"
        )
    return None


def adjacency(
    links: Iterable[tuple[int, int]],
) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """From (child, parent) pairs: parents of each objective, and children of each."""
    parents: dict[int, list[int]] = defaultdict(list)
    children: dict[int, list[int]] = defaultdict(list)
    for child, parent in links:
        parents[child].append(parent)
        children[parent].append(child)
    return parents, children


def reachable(start: Iterable[int], graph: Graph) -> set[int]:
    """Every node reachable from ``start`` along ``graph`` (the start nodes not included
    unless reached again)."""
    found: set[int] = set()
    stack = list(start)
    while stack:
        node = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt not in found:
                found.add(nxt)
                stack.append(nxt)
    return found


def serves_level(
    node: int, parents: Graph, level_of: Mapping[int, PlanLevel], level: PlanLevel
) -> bool:
    """Whether ``node`` leads up the thread to an objective of a plan at ``level`` (an
    individual objective that reaches no service-plan objective is an orphan of its kind)."""
    return any(level_of.get(above) is level for above in reachable([node], parents))


def would_cycle(child: int, parent: int, parents: Graph) -> bool:
    """Whether linking ``child`` to ``parent`` makes a loop: ``child`` is already above it."""
    return child == parent or child in reachable([parent], parents)


def roots_above(node: int, parents: Graph) -> set[int]:
    """The topmost objectives ``node`` serves (itself when it serves nothing)."""
    above = reachable([node], parents) | {node}
    return {n for n in above if not parents.get(n)}


def closures(nodes: Iterable[int], children: Graph) -> dict[int, frozenset[int]]:
    """Each node and everything beneath it, computed once per node (the graph is acyclic;
    a loop, should one exist in old data, is cut where it closes)."""
    memo: dict[int, frozenset[int]] = {}
    for start in nodes:
        if start in memo:
            continue
        # Iterative post-order walk: deep threads never hit the recursion limit.
        stack: list[tuple[int, bool]] = [(start, False)]
        on_path: set[int] = set()
        while stack:
            node, expanded = stack.pop()
            if expanded:
                on_path.discard(node)
                acc = {node}
                for child in children.get(node, ()):
                    acc |= memo.get(child, frozenset({child}))
                memo[node] = frozenset(acc)
                continue
            if node in memo or node in on_path:
                continue
            on_path.add(node)
            stack.append((node, True))
            for child in children.get(node, ()):
                if child not in memo and child not in on_path:
                    stack.append((child, False))
    return memo
