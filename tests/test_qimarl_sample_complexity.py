"""Paper 004 through qrepro.stats: the oracle-normalised epoch value, a hand-computed S table, claim C4s."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from qrepro.config import ParamsError, load_params
from qrepro.papers.qimarl.claims import evaluate_claims
from qrepro.papers.qimarl.run import EPISODE_SCHEMA
from qrepro.papers.qimarl.sample_complexity import efficiency, tables

ROOT = Path(__file__).resolve().parents[1]
SC = {"eps": [0.75, 0.6], "delta": [0.5], "resamples": 200, "percentile": 5}


def run_log(method: str, seed: int, eff: list[float]) -> pd.DataFrame:
    """A schema-valid episode log whose efficiency R / (R + regret) is ``eff`` (oracle return 100)."""
    n, eff = len(eff), np.asarray(eff)
    cols = {c: np.zeros(n) for c in EPISODE_SCHEMA.columns}
    cols.update(method=method, seed=seed, episode=np.arange(n), return_ext=100 * eff, regret_ep=100 * (1 - eff))
    return EPISODE_SCHEMA.validate(pd.DataFrame(cols))


def test_efficiency_is_the_share_of_the_oracle_return():
    ep = pd.DataFrame({"return_ext": [30.0, -5.0, 80.0], "regret_ep": [70.0, 105.0, 20.0]})
    np.testing.assert_allclose(efficiency(ep), [0.3, 0.0, 0.8])       # a negative return counts as 0


def test_sample_complexity_table_by_hand(tmp_path):
    """2 episodes per epoch, 10 agent-steps per episode (20 per epoch), 3 seeds per method.
    A's epoch values: seed 0 [0.2, 0.5], seed 1 [0.3, 0.5], seed 2 [0.5, 0.5]; B stays at 0.2.
    eps 0.6 (V >= 0.4), delta 0.5: A fails only epoch 0 (1/3 of seeds) -> S = 20; B fails both -> 40 = cap.
    eps 0.75 (V >= 0.25): A passes epoch 0 with 2/3 of seeds -> S = 0; B never -> 40."""
    files = []
    for method, curves in {"qimarl": [[0.2, 0.2, 0.5, 0.5], [0.2, 0.4, 0.5, 0.5], [0.5] * 4],
                           "ppo": [[0.2] * 4] * 3}.items():
        for seed, eff in enumerate(curves):
            files.append(tmp_path / f"{method}{seed}.csv")
            run_log(method, seed, eff).to_csv(files[-1], index=False)
    sc, pairs = tables(files, 2, 10, SC, seed=0)
    S = sc.set_index(["model", "eps"]).S
    assert (S["qimarl", 0.6], S["qimarl", 0.75], S["ppo", 0.6], S["ppo", 0.75]) == (20, 0, 40, 40)
    assert sc.set_index(["model", "eps"]).censored["ppo", 0.6] and (sc.cap == 40).all()
    row = pairs.set_index(["model", "baseline"]).loc[("qimarl", "ppo")]
    assert row.outperforms and row.cells_better == 2 and row.cells_worse == 0 and row.p_improve == 1.0
    assert not pairs.set_index(["model", "baseline"]).loc[("ppo", "qimarl")].outperforms
    again, _ = tables(files, 2, 10, SC, seed=0)
    pd.testing.assert_frame_equal(sc, again)                         # same seed, same bootstrap


def summary_rows(methods, n_seeds=3):
    return pd.DataFrame([dict(method=m, seed=s, reward=30.0 + s, cum_regret=1000.0, exploration_ratio=0.4,
                              coverage=0.5, oracle_coverage=0.9, censored=True, e_conv=300, episodes=300, entropy=3.0,
                              msg_kb=15, loc_err_m=1.2, eer=0.1, signal_dbm=-70.0, overlap=0.1, entropy_early=3.5,
                              entropy_step_share=0.5, episode_time_s=0.2, oracle_return=40.0)
                         for m in methods for s in range(n_seeds)])


def pair_rows(outperformed, slower_than=()):
    return pd.DataFrame([dict(config="E-main", model="qimarl", baseline=b, cells_better=int(b in outperformed),
                              cells_worse=int(b in slower_than), outperforms=b in outperformed and b not in slower_than,
                              p_improve=0.75) for b in ("ppo", "ddpg", "iql")])


@pytest.mark.parametrize("outperformed, slower, verdict", [
    (("ppo", "ddpg"), (), "holds"),
    (("ppo", "iql"), ("ddpg",), "partly"),                            # IQL is not one of C4s's rivals
    ((), ("ppo",), "fails"),                                          # slower than PPO, no faster than DDPG
])
def test_c4s_by_hand(outperformed, slower, verdict):
    claims = evaluate_claims(summary_rows(["qimarl", "ppo", "ddpg", "iql"]),
                             pairs=pair_rows(outperformed, slower)).set_index("claim")
    assert claims.loc["C4s"].verdict == verdict
    assert list(claims.index[:6]) == ["C1", "C2", "C3", "C3b", "C4", "C4s"]
    ours = claims.loc["C4s"].ours
    if slower:
        assert ours.endswith("significantly slower somewhere than " + ", ".join(slower))
    assert f"vs ddpg: {int('ddpg' in outperformed)} (eps, delta) cell(s) faster, {int('ddpg' in slower)} slower, " \
           "P(a QI run ends above a ddpg run) = 0.75" in ours


def test_c4s_needs_seeds_and_pairs():
    one_seed = evaluate_claims(summary_rows(["qimarl", "ppo"], n_seeds=1), pairs=pair_rows(["ppo"]))
    assert one_seed.set_index("claim").loc["C4s"].verdict == "n/a"
    assert "C4s" not in set(evaluate_claims(summary_rows(["qimarl", "ppo"])).claim)


def test_an_epoch_longer_than_the_runs_is_named():
    with pytest.raises(ParamsError, match="qimarl.tiers.smoke.episodes_per_epoch': 5 exceeds the tier's episodes"):
        load_params(ROOT / "params.yaml", {"tier": "smoke", "qimarl": {"tiers": {"smoke": {"episodes_per_epoch": 5}}}})
