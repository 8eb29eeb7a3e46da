"""YAML reading that remembers where every node stood, so errors can name line and column."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from chuangye_cli.diagnostics import Diagnostic

Mark = tuple[int, int]  # 1-based line and column


class LocatedDict(dict[Any, Any]):
    """A mapping that knows the position of itself, its keys and its values."""

    mark: Mark = (1, 1)
    key_marks: dict[Hashable, Mark]
    value_marks: dict[Hashable, Mark]


class LocatedList(list[Any]):
    """A sequence that knows the position of itself and of each item."""

    mark: Mark = (1, 1)
    item_marks: list[Mark]


def _mark(node: yaml.Node) -> Mark:
    return node.start_mark.line + 1, node.start_mark.column + 1


_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    duplicates: list[tuple[Any, Mark]]


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> Iterator[LocatedDict]:
    data = LocatedDict()
    data.mark = _mark(node)
    data.key_marks, data.value_marks = {}, {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=False)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            )
        if key in data:
            loader.duplicates.append((key, _mark(key_node)))
        data[key] = loader.construct_object(value_node, deep=False)
        data.key_marks[key] = _mark(key_node)
        data.value_marks[key] = _mark(value_node)


def _construct_seq(loader: _Loader, node: yaml.SequenceNode) -> Iterator[LocatedList]:
    data = LocatedList()
    data.mark = _mark(node)
    data.item_marks = [_mark(child) for child in node.value]
    yield data
    data.extend(loader.construct_object(child, deep=False) for child in node.value)


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> Decimal | float:
    """Numbers with a fraction become exact Decimals (2.7 stays 2.7, not 2.70000000000000018)."""
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return float(
            loader.construct_yaml_float(node)
        )  # .inf / .nan: left for validation to reject
    return value if value.is_finite() else float(value)


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def load_yaml(path: Path) -> tuple[Any, list[Diagnostic]]:
    """Parse one YAML file into located data; syntax errors come back as diagnostics."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [
            Diagnostic(
                "yaml.encoding",
                "error",
                f"not UTF-8 text (byte {exc.start}): save the file as UTF-8",
                name,
            )
        ]
    loader = _Loader(text)
    loader.duplicates = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        return None, [
            Diagnostic(
                "yaml.syntax",
                "error",
                f"YAML syntax: {problem or exc}",
                name,
                mark.line + 1 if mark else None,
                mark.column + 1 if mark else None,
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Diagnostic("yaml.syntax", "error", f"YAML: {exc}", name)]
    finally:
        loader.dispose()
    diagnostics = [
        Diagnostic(
            "yaml.duplicate-key",
            "error",
            f"duplicate key {key!r}: the later value would silently replace the earlier",
            name,
            line,
            column,
        )
        for key, (line, column) in loader.duplicates
    ]
    return data, diagnostics


def locate(data: Any, path: Sequence[Any]) -> Mark | None:
    """The position of the node at ``path`` (keys and indexes), or of its nearest parent."""
    mark: Mark | None = getattr(data, "mark", None)
    node = data
    for step in path:
        if isinstance(node, LocatedDict) and step in node:
            mark = node.value_marks.get(step, mark)
            node = node[step]
        elif isinstance(node, LocatedDict) and str(step) in {str(k) for k in node}:
            key = next(k for k in node if str(k) == str(step))
            mark = node.value_marks.get(key, mark)
            node = node[key]
        elif isinstance(node, LocatedList) and isinstance(step, int) and 0 <= step < len(node):
            mark = node.item_marks[step]
            node = node[step]
        else:
            break
    return mark


def locate_key(data: Any, path: Sequence[Any]) -> Mark | None:
    """The position of the *key* at the end of ``path`` (for unknown or duplicate keys)."""
    parent_path, last = path[:-1], path[-1] if path else None
    node = data
    for step in parent_path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return locate(data, path)
    if isinstance(node, LocatedDict) and last in node:
        return node.key_marks.get(last)
    return locate(data, path)
