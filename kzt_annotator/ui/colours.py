"""Colours: annotation kinds (translucent, so they read on light and dark themes), annotators,
and the pygments cue style turned into Qt character formats."""

from __future__ import annotations

import hashlib

from PySide6.QtGui import QColor, QFont, QTextCharFormat

from kzt_annotator.core.lexer import CUE_TOKENS, NewsCueStyle
from kzt_annotator.core.schema import BUILTIN, Schema

# By kind name, from the schema's declaration (claim amber, attribution cyan, figure magenta).
KIND_RGB: dict[str, tuple[int, int, int]] = {spec.name: spec.rgb for spec in BUILTIN.kinds}
DEFAULT_KIND_RGB = dict(KIND_RGB)  # what a user colour is compared with (KIND_RGB may be changed)
_USER_SET: set[str] = set()
KIND_ALPHA = 90
SELECTED_ALPHA = 170


def apply_colour_settings(colours: dict[str, str]) -> None:
    """User colours (#rrggbb by kind name) from the settings file."""
    for kind, value in colours.items():
        if len(value) == 7 and value.startswith("#"):
            KIND_RGB[kind] = (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
            _USER_SET.add(kind)


def use_schema(schema: Schema) -> None:
    """Declared colours of the project's kinds (a colour the user set in the settings wins)."""
    for spec in schema.kinds:
        DEFAULT_KIND_RGB.setdefault(spec.name, spec.rgb)
        if spec.name not in _USER_SET:
            KIND_RGB[spec.name] = spec.rgb


def kind_colour(kind: str, alpha: int = KIND_ALPHA) -> QColor:
    r, g, b = KIND_RGB.get(kind, (126, 87, 194))
    return QColor(r, g, b, alpha)


def annotator_colour(name: str, alpha: int = KIND_ALPHA) -> QColor:
    """A stable hue per annotator name."""
    hue = int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:4], 16) % 360
    colour = QColor.fromHsv(hue, 200, 230)
    colour.setAlpha(alpha)
    return colour


def cue_formats() -> dict[str, QTextCharFormat]:
    """One QTextCharFormat per cue kind, from the pygments style."""
    formats: dict[str, QTextCharFormat] = {}
    for kind, token in CUE_TOKENS.items():
        style = NewsCueStyle.style_for_token(token)
        fmt = QTextCharFormat()
        if style["color"]:
            fmt.setForeground(QColor(f"#{style['color']}"))
        if style["bold"]:
            fmt.setFontWeight(QFont.Weight.Bold)
        if style["italic"]:
            fmt.setFontItalic(True)
        if style["underline"]:
            fmt.setFontUnderline(True)
        formats[kind] = fmt
    return formats


def cue_css_colour(kind: str) -> str:
    style = NewsCueStyle.style_for_token(CUE_TOKENS[kind])
    return f"#{style['color']}" if style["color"] else "#000000"
