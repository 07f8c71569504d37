"""User settings: a small typed JSON file under platformdirs' config dir, with a schema version.

Project data never lives here (it is in the project database); QSettings keeps only window
geometry and dock state.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from kzt_annotator.config_location import config_dir

SCHEMA_VERSION = 1
ENV_USER = "KZT_ANNOTATOR_USER"
CUE_TYPES = ("number", "quote", "attribution", "codebook")


@dataclass
class Settings:
    schema_version: int = SCHEMA_VERSION
    annotator: str = ""
    snap_to_words: bool = True
    cues: dict[str, bool] = field(default_factory=lambda: dict.fromkeys(CUE_TYPES, True))
    backup_keep: int = 10
    recent_projects: list[str] = field(default_factory=list)
    colour_by: str = "kind"  # or "annotator"
    colours: dict[str, str] = field(default_factory=dict)
    qualifier_rules: dict[str, list[float | None]] = field(default_factory=dict)

    def remember_project(self, name: str, keep: int = 8) -> None:
        self.recent_projects = [name] + [p for p in self.recent_projects if p != name]
        del self.recent_projects[keep:]


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings() -> Settings:
    """Read settings; a missing or damaged file gives defaults (the damaged one is kept aside)."""
    path = settings_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            path.replace(path.with_suffix(".json.damaged"))
        return Settings()
    known = {f.name for f in fields(Settings)}
    settings = Settings(**{k: v for k, v in data.items() if k in known})
    settings.schema_version = SCHEMA_VERSION
    settings.qualifier_rules = _checked_rules(settings.qualifier_rules, path)
    return settings


def _checked_rules(rules: object, path: Path) -> dict[str, list[float | None]]:
    """The qualifier overrides that can be used; each refused one is one line on stderr and
    that qualifier keeps its default (core.intervals.rule_problem says why)."""
    from kzt_annotator.core.intervals import rule_problem

    if not isinstance(rules, dict):
        _warn(f"{path}: qualifier_rules is not a mapping; using the default intervals")
        return {}
    kept = {}
    for name, bounds in rules.items():
        problem = rule_problem(str(name), bounds)
        if problem is None:
            kept[name] = list(bounds)
        else:
            _warn(f"{path}: qualifier_rules: {problem}; using the default for {name} (fix it in Preferences)")
    return kept


def _warn(message: str) -> None:
    print(f"kzt-annotator: warning: {message}", file=sys.stderr)


def save_settings(settings: Settings) -> None:
    """Write atomically: temp file, fsync, rename."""
    from kzt_annotator.io.atomic import atomic_writer

    with atomic_writer(settings_path()) as handle:
        json.dump(asdict(settings), handle, indent=2, ensure_ascii=False)


def default_annotator(settings: Settings | None = None) -> str:
    """KZT_ANNOTATOR_USER, then the settings file, then the login name."""
    env = os.environ.get(ENV_USER, "").strip()
    if env:
        return env
    settings = settings or load_settings()
    if settings.annotator.strip():
        return settings.annotator.strip()
    try:
        return getpass.getuser()
    except Exception:
        return "annotator"
