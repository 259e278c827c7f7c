"""Dependencies point one way: views, the API and tasks call services; services call
selectors and models; the read layer writes to no cache. Read from the modules' own imports."""

import ast
from pathlib import Path

RUMORS = Path(__file__).resolve().parents[1]


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def modules(folder: str) -> list[Path]:
    return sorted((RUMORS / folder).glob("*.py"))


def test_services_never_import_the_task_module():
    for path in modules("services"):
        assert "rumors.tasks" not in imported_modules(path), path.name


def test_the_read_layer_imports_no_service_and_writes_no_cache():
    for path in modules("selectors"):
        imports = imported_modules(path)
        assert not any(name.startswith("rumors.services") for name in imports), path.name
        assert "django.core.cache.cache" not in imports, path.name
        assert "rumors.pagecache" not in imports, path.name


def test_tasks_are_thin_calls_into_services():
    imports = imported_modules(RUMORS / "tasks.py")
    assert imports & {"rumors.services", "rumors.services.sources"}
    assert not any(name.startswith("rumors.models") for name in imports)
