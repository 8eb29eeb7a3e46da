"""YAML reading that remembers where every node stood, so errors can name line and column."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from chuangye_cli.catalogue import Code
from chuangye_cli.diagnostics import Diagnostic, make

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
    if len(text) > MAX_NUMBER_CHARS:
        raise ValueProblem("digits", node)
    try:
        value = Decimal(text)
    except InvalidOperation:
        return float(
            loader.construct_yaml_float(node)
        )  # .inf / .nan: left for validation to reject
    return value if value.is_finite() else float(value)


class ValueProblem(yaml.constructor.ConstructorError):
    """A scalar YAML cannot turn into a value: an impossible date, a number too long."""

    def __init__(self, variant: str, node: yaml.Node) -> None:
        super().__init__(None, None, variant, node.start_mark)
        self.variant = variant
        self.value = str(node.value)


MAX_NUMBER_CHARS = 60  # longer numbers are refused before Python converts them


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    if len(str(node.value)) > MAX_NUMBER_CHARS:
        raise ValueProblem("digits", node)
    return int(loader.construct_yaml_int(node))


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:  # 2018-02-30: the pattern of a date, but no such day
        raise ValueProblem("date", node) from None


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def _first_alias(root: yaml.Node | None) -> yaml.Node | None:
    """A node reached a second time: an alias (``*name``). Plan files need none, and an alias
    can make a structure that refers to itself."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return None


def load_yaml(path: Path) -> tuple[Any, list[Diagnostic]]:
    """Parse one YAML file into located data; syntax errors come back as diagnostics."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [make(Code.YAML_ENCODING, name, byte=exc.start)]
    loader = _Loader(text)
    loader.duplicates = []
    try:
        node = loader.get_single_node()
        alias = _first_alias(node)
        if alias is not None:
            return None, [make(Code.YAML_VALUE, name, *_mark(alias), variant="alias", value="*")]
        data = loader.construct_document(node) if node is not None else None
    except ValueProblem as exc:
        mark = exc.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        shown = exc.value if len(exc.value) <= 40 else exc.value[:37] + "…"
        return None, [make(Code.YAML_VALUE, name, line, column, variant=exc.variant, value=shown)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        return None, [make(Code.YAML_SYNTAX, name, line, column, problem=problem or str(exc))]
    except yaml.YAMLError as exc:
        return None, [make(Code.YAML_SYNTAX, name, problem=str(exc))]
    except (ValueError, RecursionError) as exc:  # a value YAML could not construct
        return None, [make(Code.YAML_VALUE, name, value="", reason=type(exc).__name__)]
    finally:
        loader.dispose()
    diagnostics = [
        make(Code.YAML_DUPLICATE_KEY, name, line, column, key=key)
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
