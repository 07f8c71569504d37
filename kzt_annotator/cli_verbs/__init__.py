"""Handlers of `kzt-annotator <verb>`: each parses nothing, calls services, prints results."""
