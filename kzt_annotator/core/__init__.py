"""Pure domain layer: dataclasses and rules. Imports neither sqlalchemy nor PySide6."""
