"""Periodic progress lines with rate and ETA for long loops (log files are what users tail).

The rate is the recent one: measured over the last few reporting intervals, never from the start of the process,
so the start-up (imports, JIT compilation, replay warm-up) does not inflate the early ETAs."""

from __future__ import annotations

import logging
import time
from collections import deque

WINDOW = 4          # reporting intervals the rate is measured over


class Progress:
    def __init__(self, total: int, label: str, logger: logging.Logger, every_frac: float = 0.05, start: int = 0,
                 clock=time.monotonic):
        self.total, self.label, self.log, self.clock = max(1, total), label, logger, clock
        self.every = max(1, int(self.total * every_frac))
        self.sub = max(1, self.every // 4)         # the first sample is taken a quarter interval in
        self.samples = deque([(start, clock())], maxlen=WINDOW * 4 + 1)
        self.next_sample = start + self.sub
        self.next_report = start + self.every

    def update(self, count: int) -> None:
        if count >= self.next_sample:
            self.samples.append((count, self.clock()))
            self.next_sample = count + self.sub
            if len(self.samples) == 3:
                self.samples.popleft()             # drop the start-up segment once a later sample exists
        if count < self.next_report and count < self.total:
            return
        self.next_report = count + self.every
        rate = self.rate()
        eta = (self.total - count) / rate if rate > 0 else float("nan")
        self.log.info("%s: %d/%d (%.0f%%) %.3g it/s, ETA %s", self.label, count, self.total,
                      100 * count / self.total, rate, _duration(eta))

    def rate(self) -> float:
        """Items per second over the retained samples (the last WINDOW reporting intervals)."""
        (c0, t0), (c1, t1) = self.samples[0], self.samples[-1]
        return (c1 - c0) / (t1 - t0) if t1 > t0 else float("inf")


def _duration(seconds: float) -> str:
    """``42s``, ``3m05s``, ``2h14m``: an ETA a person reads at a glance."""
    if seconds != seconds:
        return "unknown"
    s = int(round(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"
