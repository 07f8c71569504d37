"""Use cases shared by the CLI and the GUI: one function per thing a user does."""
