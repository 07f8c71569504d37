"""Where the user's settings files live (settings.json, window.ini): one small module, because
the start window (ui/startup.py) needs the place before anything else is imported."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from kzt_annotator import APP_NAME

ENV_CONFIG_DIR = "KZT_ANNOTATOR_CONFIG_DIR"


def config_dir() -> Path:
    """KZT_ANNOTATOR_CONFIG_DIR if set, else platformdirs' user config dir for the application."""
    override = os.environ.get(ENV_CONFIG_DIR)
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))
