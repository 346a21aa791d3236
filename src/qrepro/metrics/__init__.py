"""Per-paper evaluation metrics."""
