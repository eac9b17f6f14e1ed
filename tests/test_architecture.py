"""Imports point one way: the import-linter contracts in pyproject.toml hold."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    result = subprocess.run([exe], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_modules() -> None:
    # grimp is what import-linter builds its graph with; every import statement counts,
    # those inside functions too.
    grimp = pytest.importorskip("grimp")
    built = grimp.build_graph("monitor")
    graph = {m: set(built.find_modules_directly_imported_by(m)) for m in built.modules}
    assert _cycles(graph) == []


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80
MODULE_EXEMPT: set[str] = set()


def _sources() -> list[tuple[str, str]]:
    return [
        (str(p.relative_to(REPO)), p.read_text(encoding="utf-8"))
        for p in sorted((REPO / "monitor").rglob("*.py"))
    ]


def test_no_module_over_400_lines() -> None:
    over = {
        path: n
        for path, text in _sources()
        if (n := len(text.splitlines())) > MAX_MODULE_LINES and path not in MODULE_EXEMPT
    }
    assert over == {}


def test_no_function_over_80_lines() -> None:
    import ast

    over = {}
    for path, text in _sources():
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    over[f"{path}:{node.name}"] = length
    assert over == {}


# The rules' words live in one Lexicon value: only these modules define or import them.
_LEXICON_MODULES = {"lexicon", "english", "english_scope", "english_rules", "cue_lexicon"}
_LANGUAGE_DATA = {f"monitor.classify.{m}" for m in _LEXICON_MODULES - {"lexicon"}}


def _classify_modules() -> list[Path]:
    return sorted(
        p for p in (REPO / "monitor" / "classify").glob("*.py") if p.stem not in _LEXICON_MODULES
    )


def test_only_the_lexicon_reads_the_english_word_lists() -> None:
    offenders = []
    for path in _classify_modules():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if any(n in _LANGUAGE_DATA for n in names):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == [], "import the Lexicon and read its fields instead"


def _word_list(node: ast.AST) -> bool:
    """A literal set, tuple or list of two or more lower-case words, or a words() call."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return node.func.id == "words"
    if isinstance(node, ast.Set | ast.Tuple | ast.List):
        found = [
            e.value
            for e in node.elts
            if isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value.isalpha()
        ]
        return len(found) >= 2 and all(w.islower() for w in found)
    return False


# Labels the code names, not words of a language.
_LABELS = {"build.py:MODES", "model.py:LABELS"}


def test_no_module_level_word_list_outside_the_lexicon() -> None:
    offenders = []
    for path in _classify_modules():
        for node in ast.parse(path.read_text("utf-8")).body:
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            if value is not None and any(_word_list(n) for n in ast.walk(value)):
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                offenders.append(f"{path.name}:{ast.unparse(target)}")
    offenders = [o for o in offenders if o not in _LABELS]
    assert offenders == [], "word lists belong in the Lexicon (english_rules.py)"


# Values the code names, not words read from text: a mention's role and kind, who holds a
# stance, where troops go, an answer, the classifier's modes.
_SYMBOLS = {"state", "country", "person", "subject", "discourse", "foreign", "ukraine"} | {
    "no",
    "rules",
    "model",
}


def _words_in(node: ast.AST) -> list[str]:
    items = node.elts if isinstance(node, ast.Set | ast.Tuple | ast.List) else [node]
    return [
        e.value
        for e in items
        if isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value[:1].islower()
    ]


def test_no_rule_compares_tokens_with_an_inline_word() -> None:
    """`w in ("and", "or")`, `w == "the"`, `w.endswith("ed")`: the words come from the
    lexicon, so another language's words can take their place."""
    offenders = []
    for path in _classify_modules():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            operands: list[ast.AST] = []
            if isinstance(node, ast.Compare):
                operands = [node.left, *node.comparators]
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("startswith", "endswith")
            ):
                operands = list(node.args)
            found = {w for o in operands for w in _words_in(o)} - _SYMBOLS
            if found:
                offenders.append(f"{path.name}:{node.lineno} {sorted(found)}")
    assert offenders == [], "read these words from the Lexicon"
