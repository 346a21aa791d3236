"""Shared figure style: one colour per model everywhere, deterministic PNG output."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402

from ..io import atomic_path  # noqa: E402

MODEL_COLORS = {"qsac": "#7b3294", "sac": "#1b9e77", "td3": "#d95f02", "ddpg": "#386cb0",
                "oracle": "#000000", "persistence": "#888888", "train_mean": "#bbbbbb"}
MODEL_LABELS = {"qsac": "QSAC", "sac": "SAC", "td3": "TD3", "ddpg": "DDPG"}


def setup() -> None:
    sns.set_theme(context="paper", style="whitegrid", font_scale=1.1)


def save(fig, path) -> None:
    with atomic_path(path) as tmp:
        fig.savefig(tmp, dpi=150, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
