"""CQDT runs (paper 002), one per (state x seed): episode datasets, REINFORCE and SB3 comparators, defence
policies evaluated on the T12 test split, detection and channel typing on TYPED, the T13 impact table."""

from __future__ import annotations

import io
import logging
import time

import numpy as np
import pandas as pd
import pandera.pandas as pa
import torch
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from ...io import write_csv
from ...progress import Progress
from ...runstate import RunState
from .detection import calibrate, with_ci
from .env import ACTIONS, CQDTEnv, LoopConfig, attack_params, in_secure, preprocess, scenario_names, simulate_episode
from .reinforce import train_reinforce

log = logging.getLogger("qrepro.cqdt")
FIXED_POLICIES = ("random", "heuristic_reset", "heuristic_symptom", "reinit", "entrec", "pcollapse", "oracle")
SB3_AGENTS = ("a2c", "ppo", "dqn")
DETECTORS = ("cqdt", "qobs", "heuristic", "random", "ids_lr", "ids_gbdt")

_obs = {f"{m}_{w}": pa.Column(float) for w in ("pre", "post") for m in ("F", "S", "D")}
EPISODE_SCHEMA = pa.DataFrameSchema({
    "state": pa.Column(str), "seed": pa.Column(int), "policy": pa.Column(str), "scenario": pa.Column(str),
    "episode": pa.Column(int), **_obs, "reward": pa.Column(float), "regret": pa.Column(float, pa.Check.ge(-1e-9)),
    "secure_frac": pa.Column(float, pa.Check.in_range(0, 1)), "t_inf_ms": pa.Column(float),
    **{f"frac_{a}": pa.Column(float) for a in ACTIONS},
}, checks=[pa.Check(lambda d: d.D_post >= 1 - d.F_post - 1e-9, name="D >= 1 - F (P4, episode means)"),
           pa.Check(lambda d: d.D_pre >= 1 - d.F_pre - 1e-9, name="D >= 1 - F pre-action (P4)")],
    coerce=True, strict=True, name="cqdt_episodes")

DETECTION_SCHEMA = pa.DataFrameSchema({
    "state": pa.Column(str), "seed": pa.Column(int), "method": pa.Column(str, pa.Check.isin(DETECTORS)),
    **{f"{m}{s}": pa.Column(float, nullable=True)
       for m in ("DR", "FPR", "AUC", "MCC", "ACC") for s in ("", "_lo", "_hi")},
    "threshold": pa.Column(float, nullable=True), "n_test": pa.Column(int),
}, coerce=True, strict=True, name="cqdt_detection")

# REINFORCE's training log; val_v maps the validation score onto [0, 1] between the worst (0) and the best (1)
# action in hindsight at every step, the epoch value of the sample-complexity estimator (cqdt_sample_complexity);
# random_v is the uniform-random policy's expected value on the same episodes (the no-learning reference)
TRAINING_SCHEMA = pa.DataFrameSchema({
    "episode": pa.Column(int, pa.Check.ge(1)), "return": pa.Column(float), "val_score": pa.Column(float),
    "val_v": pa.Column(float, pa.Check.in_range(0, 1)), "random_v": pa.Column(float, pa.Check.in_range(0, 1)),
    "state": pa.Column(str), "seed": pa.Column(int),
}, coerce=True, strict=True, name="cqdt_training")


def hindsight_range(episodes: list[dict]) -> tuple[float, float, float]:
    """Mean per-step reward of the worst action in hindsight, of a uniformly random one, and of the best, over
    ``episodes``: the bounds of any policy's score (evaluate_policy's reward is the same per-step mean)."""
    per_step = lambda f: float(np.mean([f(e["reward"], 1).mean() for e in episodes]))  # noqa: E731
    return per_step(np.min), per_step(np.mean), per_step(np.max)


def training_log(history: list[dict], val: list[dict], state: str, seed: int) -> pd.DataFrame:
    lo, mid, hi = hindsight_range(val)
    unit = (lambda x: np.clip((x - lo) / (hi - lo), 0, 1)) if hi > lo else (lambda x: 1.0 + 0 * x)  # noqa: E731
    df = pd.DataFrame(history)
    return TRAINING_SCHEMA.validate(df.assign(val_v=unit(df.val_score), random_v=unit(mid), state=state, seed=seed))


def build_dataset(cfg: LoopConfig, scenario_set: str, episodes: int, with_none: bool, rng) -> list[dict]:
    """``episodes`` per scenario, split 70/15/15 per scenario (episode level, stratified, at least one each)."""
    data = []
    for name in dict.fromkeys(scenario_names(scenario_set, with_none)):
        n_val = max(1, round(0.15 * episodes))
        n_test = max(1, round(0.15 * episodes))
        splits = ["train"] * (episodes - n_val - n_test) + ["val"] * n_val + ["test"] * n_test
        for e, split in enumerate(rng.permutation(splits)):
            attack = attack_params(scenario_set, name, rng)
            data.append({"scenario": name, "label": attack["label"], "split": split, "episode": e,
                         **simulate_episode(cfg, attack, rng)})
    return data


def policy_actions(policy: str, ep: dict, thresholds, rng, model=None) -> tuple[np.ndarray, float]:
    """Actions chosen on one episode and the median per-decision inference time (ms)."""
    pre = ep["pre"]
    t0 = time.perf_counter()
    if policy == "random":
        a = rng.integers(0, 3, len(pre))
    elif policy in ACTIONS:
        a = np.full(len(pre), ACTIONS.index(policy))
    elif policy == "oracle":
        a = ep["reward"].argmax(1)
    elif policy == "heuristic_reset":
        a = np.where(in_secure(pre, thresholds), ACTIONS.index("pcollapse"), ACTIONS.index("reinit"))
    elif policy == "heuristic_symptom":
        tf, ts, td = thresholds
        a = np.where(in_secure(pre, thresholds), 0, np.where((pre[:, 1] > ts) & (pre[:, 2] > td), 1, 2))
    elif policy == "reinforce":
        a = np.array([model.act(o, rng)[0] for o in pre])
    elif policy in SB3_AGENTS:
        a = np.array([int(model.predict(o.astype(np.float32), deterministic=True)[0]) for o in pre])
    else:
        raise ValueError(f"cqdt: unknown policy {policy!r}")
    return np.asarray(a, dtype=int), (time.perf_counter() - t0) * 1e3 / len(pre)


def evaluate_policy(policy, episodes, cfg: LoopConfig, rng, model=None) -> list[dict]:
    rows = []
    for ep in episodes:
        a, t_ms = policy_actions(policy, ep, cfg.thresholds, rng, model)
        t = np.arange(len(a))
        post = ep["post"][t, a]
        reward = ep["reward"][t, a]
        rows.append({"policy": policy, "scenario": ep["scenario"], "episode": ep["episode"],
                     **{f"{m}_pre": ep["pre"][:, i].mean() for i, m in enumerate("FSD")},
                     **{f"{m}_post": post[:, i].mean() for i, m in enumerate("FSD")},
                     "reward": reward.mean(), "regret": (ep["reward"].max(1) - reward).sum(),
                     "secure_frac": in_secure(post, cfg.thresholds).mean(), "t_inf_ms": t_ms,
                     **{f"frac_{x}": float((a == i).mean()) for i, x in enumerate(ACTIONS)}})
    return rows


def _sb3(algo: str, env, steps: int, seed: int, hidden: int):
    from stable_baselines3 import A2C, DQN, PPO

    from ...sb3 import without_log_dir
    kw = {"policy_kwargs": {"net_arch": [hidden]}, "seed": seed, "verbose": 0, "device": "cpu"}
    if algo == "ppo":
        model = PPO("MlpPolicy", env, n_steps=50, batch_size=25, **kw)
    elif algo == "a2c":
        model = A2C("MlpPolicy", env, n_steps=5, **kw)
    else:
        model = DQN("MlpPolicy", env, learning_starts=100, buffer_size=steps, **kw)
    return without_log_dir(model).learn(steps)


def episode_features(ep: dict, actions: np.ndarray, k: int | None = None) -> np.ndarray:
    """CQDT fingerprint of the first k steps: pre-action stats, post-action means/sds, action mix, mean reward."""
    k = k or len(actions)
    pre, a = ep["pre"][:k], actions[:k]
    post = ep["post"][np.arange(k), a]
    return np.concatenate([pre.mean(0), pre.std(0), pre.min(0), pre.max(0), post.mean(0), post.std(0),
                           np.bincount(a, minlength=3) / k, [ep["reward"][np.arange(k), a].mean()]])


class _AE(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.net = torch.nn.Sequential(torch.nn.Linear(8, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2), torch.nn.ReLU(),
                                       torch.nn.Linear(2, 4), torch.nn.ReLU(), torch.nn.Linear(4, 8))

    def forward(self, x):
        return self.net(x)


def _ids_features(episodes, seed: int, epochs: int, lr: float, clip: float) -> np.ndarray:
    """Classical IDS inputs: per-feature mean/sd of the preprocessed KPIs plus the autoencoder score, the AE
    trained on train-split no-attack steps only."""
    torch.manual_seed(seed)
    x = {id(e): torch.as_tensor(preprocess(e["kpis"], clip), dtype=torch.float32) for e in episodes}
    normal = torch.cat([x[id(e)] for e in episodes if e["split"] == "train" and e["label"] == "NONE"])
    ae = _AE()
    opt = torch.optim.Adam(ae.parameters(), lr=lr)
    for _ in range(epochs):
        opt.zero_grad()
        loss = ((ae(normal) - normal) ** 2).mean()
        loss.backward()
        opt.step()
    with torch.no_grad():
        return np.array([np.concatenate([x[id(e)].mean(0), x[id(e)].std(0),
                                         [((ae(x[id(e)]) - x[id(e)]) ** 2).mean().item()]]) for e in episodes])


def detect(episodes, actions, cfg: LoopConfig, params: dict, seed: int, rng) -> tuple[list[dict], pd.DataFrame]:
    """Binary attack detection on TYPED episodes for every detector, and 4-class typing accuracy vs k steps."""
    y = np.array([e["label"] != "NONE" for e in episodes], dtype=int)
    split = np.array([e["split"] for e in episodes])
    tr, va, te = split == "train", split == "val", split == "test"
    feats = np.array([episode_features(e, a) for e, a in zip(episodes, actions)])
    pre_none = np.concatenate([e["pre"] for e, s in zip(episodes, split) if s == "train" and e["label"] == "NONE"])
    sd = pre_none.std(0) + 1e-6
    tf, ts, td = cfg.thresholds
    scores = {
        "qobs": np.array([np.max(np.stack([(tf - e["pre"][:, 0]) / sd[0], (e["pre"][:, 1] - ts) / sd[1],
                                           (e["pre"][:, 2] - td) / sd[2]]), 0).mean() for e in episodes]),
        "heuristic": np.array([1 - in_secure(e["pre"], cfg.thresholds).mean() for e in episodes]),
        "random": rng.random(len(episodes)),
    }
    lr = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(feats[tr], y[tr])
    scores["cqdt"] = lr.predict_proba(feats)[:, 1]
    ids = _ids_features(episodes, seed, params["ae_epochs"], params["ae_lr"], cfg.clip)
    scores["ids_lr"] = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)).fit(
        ids[tr], y[tr]).predict_proba(ids)[:, 1]
    scores["ids_gbdt"] = HistGradientBoostingClassifier(random_state=seed).fit(ids[tr], y[tr]).predict_proba(ids)[:, 1]
    rows = []
    for method in DETECTORS:
        thr = calibrate(scores[method][va], y[va], params["max_fpr"])
        rows.append({"method": method, "threshold": thr, "n_test": int(te.sum()),
                     **with_ci(scores[method][te], y[te], thr, params["bootstrap"], rng)})
    labels = np.array([e["label"] for e in episodes])
    typing = []
    for k in sorted({k for k in params["typing_k"] if k <= cfg.steps} | {cfg.steps}):
        fk = np.array([episode_features(e, a, k) for e, a in zip(episodes, actions)])
        clf = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000)).fit(fk[tr], labels[tr])
        pred = clf.predict(fk[te])
        typing += [{"k": k, "label": c, "accuracy": float((pred[labels[te] == c] == c).mean())}
                   for c in sorted(set(labels))]
        typing.append({"k": k, "label": "all", "accuracy": float((pred == labels[te]).mean())})
    return rows, pd.DataFrame(typing)


def _train(params: dict, tier: dict, cfg: LoopConfig, t12: list[dict], seed: int) -> tuple:
    """REINFORCE (early-stopped on the validation split) and the SB3 comparators: (policy, history, models)."""
    val = [e for e in t12 if e["split"] == "val"]
    r = params["reinforce"]
    env = CQDTEnv(cfg, "T12", list(dict.fromkeys(e["scenario"] for e in t12)), seed)
    vrng = np.random.default_rng([seed, 7])
    validate = lambda pol: float(np.mean([row["reward"] for row in evaluate_policy("reinforce", val, cfg, vrng, pol)]))  # noqa: E731
    policy, history = train_reinforce(env, tier["train_episodes"], r["lr"], r["gamma"], r["entropy_coef"],
                                      r["max_grad_norm"], r["baseline_decay"], r["patience"], validate, seed,
                                      r["update"])
    models = {algo: _sb3(algo, CQDTEnv(cfg, "T12", env.scenarios, seed + 1), tier["train_episodes"] * cfg.steps,
                         seed, params["comparator_hidden"]) for algo in tier["comparators"]}
    return policy, history, models


def _sb3_bytes(models: dict) -> dict:
    out = {}
    for algo, model in models.items():
        buf = io.BytesIO()
        model.save(buf)
        out[algo] = buf.getvalue()
    return out


def _sb3_load(saved: dict) -> dict:
    from stable_baselines3 import A2C, DQN, PPO

    classes = {"a2c": A2C, "ppo": PPO, "dqn": DQN}
    return {algo: classes[algo].load(io.BytesIO(raw), device="cpu") for algo, raw in saved.items()}


def run(params: dict, tier: dict, state: str, seed: int, *, episodes, detection, typing, t13, training) -> None:
    """Everything for one (state, seed), written atomically to the given paths (``episodes`` last: the rule's
    completion marker). The datasets and the trained policies are the run's state, so a killed run resumes
    after its last finished stage."""
    cfg = LoopConfig.from_params(params["loop"], state, tier["steps"])
    run_state = RunState.beside(episodes, {"params": params, "tier": tier, "state": state, "seed": seed})
    saved = run_state.load() or {}
    t0 = time.time()
    if "data" not in saved:
        rng = np.random.default_rng(seed)
        saved["data"] = {s: build_dataset(cfg, s, tier["episodes"], s != "T12", rng) for s in ("T12", "TYPED", "T13")}
        run_state.save(saved)
    data = saved["data"]
    log.info("datasets: %s episodes in %.1fs", {k: len(v) for k, v in data.items()}, time.time() - t0)
    t12 = data["T12"]
    if "policy" not in saved:
        policy, history, models = _train(params, tier, cfg, t12, seed)
        saved.update(policy=policy, history=history, models=_sb3_bytes(models))
        run_state.save(saved)
    else:
        log.info("resumed with trained policies")
        policy, history, models = saved["policy"], saved["history"], _sb3_load(saved["models"])
    val, test = [e for e in t12 if e["split"] == "val"], [e for e in t12 if e["split"] == "test"]
    models = {"reinforce": policy, **models}
    erng = np.random.default_rng([seed, 11])
    rows = []
    progress = Progress(len(FIXED_POLICIES) + len(models), f"{state} seed {seed} policies", log, 0.2)
    for i, pol in enumerate(list(models) + list(FIXED_POLICIES)):
        rows += evaluate_policy(pol, test, cfg, erng, models.get(pol))
        progress.update(i + 1)
    episode_table = EPISODE_SCHEMA.validate(
        pd.DataFrame(rows).assign(state=state, seed=seed)[list(EPISODE_SCHEMA.columns)])
    typed = data["TYPED"]
    drng = np.random.default_rng([seed, 13])
    actions = [policy_actions("reinforce", e, cfg.thresholds, drng, policy)[0] for e in typed]
    det_rows, typing_table = detect(typed, actions, cfg, params["detection"], seed, drng)
    det = DETECTION_SCHEMA.validate(
        pd.DataFrame(det_rows).assign(state=state, seed=seed)[list(DETECTION_SCHEMA.columns)])
    t13_table = pd.DataFrame([{"scenario": e["scenario"], "episode": e["episode"],
                               **{m: e["pre"][:, i].mean() for i, m in enumerate("FSD")}} for e in data["T13"]])
    write_csv(training, training_log(history, val, state, seed))
    write_csv(typing, typing_table.assign(state=state, seed=seed))
    write_csv(t13, t13_table.assign(state=state, seed=seed))
    write_csv(detection, det)
    write_csv(episodes, episode_table)
    run_state.clear()
    log.info("done in %.1fs", time.time() - t0)
