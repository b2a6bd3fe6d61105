"""Every third-party module the code imports is a dependency pyproject.toml declares, and
no distribution is declared twice.

Runtime code (apps/, config/, manage.py) may import what [project].dependencies declares;
tests and benchmarks may also import what the dev and s3 extras declare. In runtime code
an import guarded by `except ImportError` is optional and may come from an extra (other
than dev). A distribution counts as declared when pyproject names it or when a declared
requirement asks for it through an extra: `celery[redis]` declares the redis client (via
`kombu[redis]`), so naming `redis` as well would be declaring it twice.
"""

import ast
import importlib.metadata
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
FIRST_PARTY = {"apps", "config", "tests", "benchmarks", "manage"}
RUNTIME_CODE = ["apps", "config", "manage.py"]
DEV_CODE = ["tests", "benchmarks"]
DEV_EXTRAS = ["dev", "s3"]
OPTIONAL_EXTRAS_FOR_RUNTIME = ["s3"]  # what a guarded import in runtime code may use


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _groups() -> dict[str, list[Requirement]]:
    """The requirement lists: "dependencies" and one per extra."""
    project = _project()
    groups = {"dependencies": [Requirement(line) for line in project["dependencies"]]}
    for extra, lines in project.get("optional-dependencies", {}).items():
        groups[f"extra {extra}"] = [Requirement(line) for line in lines]
    return groups


def _brought_by_extras(requirement: Requirement, seen: frozenset = frozenset()) -> set[str]:
    """The distributions a requirement asks for through its extras, recursively
    (`celery[redis]` -> `kombu[redis]` -> `redis`), from the installed metadata."""
    brought = set()
    if not requirement.extras or requirement.name in seen:
        return brought
    try:
        lines = importlib.metadata.requires(requirement.name) or []
    except importlib.metadata.PackageNotFoundError:
        return brought
    for line in lines:
        sub = Requirement(line)
        # Only requirements that the extra adds: true with the extra, false without it.
        if sub.marker is None or sub.marker.evaluate({"extra": ""}):
            continue
        if any(sub.marker.evaluate({"extra": extra}) for extra in requirement.extras):
            brought.add(canonicalize_name(sub.name))
            brought |= _brought_by_extras(sub, seen | {requirement.name})
    return brought


def _declared(*group_names: str) -> set[str]:
    groups = _groups()
    names = set()
    for group in group_names:
        for requirement in groups[group]:
            names.add(canonicalize_name(requirement.name))
            names |= _brought_by_extras(requirement)
    return names


def _python_files(folders: list[str]) -> list[Path]:
    files = []
    for folder in folders:
        path = ROOT / folder
        files.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return files


def _guarded(node: ast.Try) -> bool:
    """A try block whose handler catches ImportError (or ModuleNotFoundError)."""
    for handler in node.handlers:
        caught = handler.type
        names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
        if any(isinstance(n, ast.Name) and n.id.endswith("ImportError") for n in names):
            return True
        if any(isinstance(n, ast.Name) and n.id == "ModuleNotFoundError" for n in names):
            return True
    return False


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(top-level module name, line, guarded) of every absolute import in a file."""
    found = []

    def visit(node: ast.AST, guarded: bool) -> None:
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            found.append((name.split(".")[0], node.lineno, guarded))
        for child in ast.iter_child_nodes(node):
            in_try_body = isinstance(node, ast.Try) and child in node.body and _guarded(node)
            visit(child, guarded or in_try_body)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), False)
    return found


def _undeclared(folders: list[str], allowed: set[str], optional: set[str]) -> list[str]:
    """Messages for third-party imports whose distribution is not in `allowed`
    (`optional` too for a guarded import)."""
    distributions = importlib.metadata.packages_distributions()
    problems = []
    for path in _python_files(folders):
        for module, line, guarded in _imports(path):
            if module in sys.stdlib_module_names or module in FIRST_PARTY:
                continue
            where = f"{path.relative_to(ROOT)}:{line}"
            names = {canonicalize_name(d) for d in distributions.get(module, [])}
            if not names:
                problems.append(f"{where}: '{module}' is not installed by any distribution here")
            elif not names & (allowed | optional if guarded else allowed):
                problems.append(
                    f"{where}: '{module}' comes from {', '.join(sorted(names))}, "
                    f"which pyproject.toml does not declare for this code"
                )
    return problems


def test_runtime_code_imports_only_declared_dependencies():
    optional = _declared(*[f"extra {extra}" for extra in OPTIONAL_EXTRAS_FOR_RUNTIME])
    problems = _undeclared(RUNTIME_CODE, _declared("dependencies"), optional)
    assert not problems, "Undeclared runtime imports:\n" + "\n".join(problems)


def test_tests_and_benchmarks_import_only_declared_dependencies():
    allowed = _declared("dependencies", *[f"extra {extra}" for extra in DEV_EXTRAS])
    problems = _undeclared(DEV_CODE, allowed, set())
    assert not problems, "Undeclared test/benchmark imports:\n" + "\n".join(problems)


def test_no_distribution_is_declared_twice():
    """One line per distribution: naming one again is allowed only to ask for more of its
    extras, with no version or marker of its own (`psycopg[c]` in an extra over
    `psycopg>=3.2`); and a list does not name what another line of it brings in by an
    extra (`redis` beside `celery[redis]`)."""
    problems = []
    named = defaultdict(list)  # distribution -> [(group, requirement)]
    for group, requirements in _groups().items():
        brought = {}  # distribution -> requirement of this list that brings it by an extra
        for requirement in requirements:
            named[canonicalize_name(requirement.name)].append((group, requirement))
            brought.update(dict.fromkeys(_brought_by_extras(requirement), requirement))
        problems += [
            f"{requirement} ({group}) is also brought in by {brought[name]}"
            for requirement in requirements
            if (name := canonicalize_name(requirement.name)) in brought
        ]
    for name, places in named.items():
        versioned = [r for _, r in places if r.specifier or r.marker or not r.extras]
        extras = [frozenset(r.extras) for _, r in places if r.extras]
        if len(versioned) > 1 or len(extras) > len(set(extras)):
            listed = "; ".join(f"{r} ({g})" for g, r in places)
            problems.append(f"{name} is declared {len(places)} times: {listed}")
    assert not problems, "Declared twice:\n" + "\n".join(problems)
