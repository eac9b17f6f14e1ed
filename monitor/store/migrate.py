"""Apply Alembic migrations from migrations/ programmatically (`monitor db upgrade`)."""

from __future__ import annotations

import sysconfig
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine


def migrations_dir(checkout: Path, installed: Path) -> Path:
    """The checkout's migrations/ (make run, editable installs), else the copy a wheel
    installs under <prefix>/share (pyproject's data-files: the image's installed package)."""
    return checkout if (checkout / "env.py").is_file() else installed


MIGRATIONS = migrations_dir(
    Path(__file__).resolve().parents[2] / "migrations",
    Path(sysconfig.get_path("data")) / "share" / "monitor" / "migrations",
)


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "heads") -> None:
    command.upgrade(alembic_config(engine), revision)


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def head_revisions(engine: Engine) -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config(engine)).get_heads())
