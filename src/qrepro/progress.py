"""Periodic progress lines with rate and ETA for long loops (log files are what users tail)."""

from __future__ import annotations

import logging
import time


class Progress:
    def __init__(self, total: int, label: str, logger: logging.Logger, every_frac: float = 0.05, start: int = 0):
        self.total, self.label, self.log = max(1, total), label, logger
        self.every = max(1, int(self.total * every_frac))
        self.start_count, self.t0 = start, time.monotonic()
        self.next_report = start + self.every

    def update(self, count: int) -> None:
        if count < self.next_report and count < self.total:
            return
        self.next_report = count + self.every
        elapsed = time.monotonic() - self.t0
        rate = (count - self.start_count) / elapsed if elapsed > 0 else float("inf")
        eta = (self.total - count) / rate if rate > 0 else float("nan")
        self.log.info("%s: %d/%d (%.0f%%) %.1f it/s, ETA %.0fs", self.label, count, self.total,
                      100 * count / self.total, rate, eta)
