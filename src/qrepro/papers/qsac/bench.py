"""Paper 000's training workloads for `qrepro bench against`: SB3 training steps of each model."""

from __future__ import annotations

# `qrepro bench against`: workload kind, its models, (warm-up, timed) steps, the unit timed
AGAINST = {"kind": "sb3", "names": ("qsac", "sac", "td3", "ddpg"), "sizes": (200, 1500), "unit": "step",
           "needs_data": True}


def priced_rows(name: str) -> list[tuple[str, str | None]]:
    """The (rule, cost class) rows of results/costs.csv a workload's ratio prices."""
    return [("qsac_train", name)]


def measure(name: str, warmup: int, timed: int, data_dir: str) -> dict:
    """CPU seconds per SB3 training step of model ``name`` on the AdapShare data in ``data_dir``, and a fingerprint
    of the policy's weights (run inside either tree by `qrepro bench against`)."""
    import time
    from pathlib import Path

    import torch

    from qrepro.bench.against import fingerprint
    from qrepro.config import REPO_ROOT, load_params
    from qrepro.papers.qsac.agents import make_agent
    from qrepro.papers.qsac.config import run_config
    from qrepro.papers.qsac.run import load_series, make_env

    torch.set_num_threads(1)
    cfg = load_params(REPO_ROOT / "params.yaml")
    files = cfg["data"]["adapshare"]
    table, _ = load_series(*([str(Path(data_dir) / files[split][net]) for net in ("lte", "nr")]
                             for split in ("train", "eval")))
    run_cfg = run_config(cfg, "nr60", name)
    agent = make_agent(name, make_env(table, run_cfg["env"], max_steps=1), run_cfg["agent"], run_cfg["quantum"], 0,
                       warmup + timed)
    agent.learn(warmup)
    t0 = time.process_time()
    agent.learn(timed, reset_num_timesteps=False)
    cpu = time.process_time() - t0
    return {"cpu_s": cpu / timed,
            "fingerprint": fingerprint(*(v.numpy().tobytes() for v in agent.policy.state_dict().values()))}
