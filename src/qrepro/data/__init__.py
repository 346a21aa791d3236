"""Datasets: import with checksum verification, and typed loaders."""
