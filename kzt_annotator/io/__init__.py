"""Files in and out: article readers, metadata inference, exporters. No Qt."""
