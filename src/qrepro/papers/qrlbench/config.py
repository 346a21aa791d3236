"""Paper 001's run configs, model ids and env names, and the cross-references of its params block."""

from __future__ import annotations

import re

from snakemake.io import expand

from ...config import ParamsError, tier, tier_includes, tier_refs

MODEL_ID = re.compile(r"^(?P<kind>[CQ])(?P<a>\d+)-(?P<b>\d+)$")
MAX_WIDTH = 4096
# the CRot ring needs two wires; 2^16 amplitudes x a 100-sample validation batch (x4 adjoint buffers) is what the
# simulators hold in a job's memory; the paper's largest model is Q14-4
QUBITS = (2, 16)
ALGOS = ("ddqn", "ppo")


def check(cfg: dict) -> None:
    """Every tier trains on main_env, its model ids parse and lie in range, Fig. 8's models are among its own."""
    tier_includes(cfg, "qrlbench", "envs", "main_env")
    _model_bounds(cfg)
    tier_refs(cfg, "qrlbench", "policy_test_models", lambda t: t["models"], "among that tier's models")  # Fig. 8
    tier_refs(cfg, "qrlbench", "seeds_by_model", lambda t: t["models"], "among that tier's models")


def parse_model_id(model_id: str, where: str = "qrlbench model") -> tuple[str, int, int]:
    """``C16-2`` -> ("C", 16, 2): MLP width / depth; ``Q10-4`` -> ("Q", 10, 4): qubits / layers. Out-of-range
    ids raise :class:`ParamsError` naming ``where`` and the allowed range."""
    m = MODEL_ID.match(str(model_id))
    allowed = (f"C<width>-<depth> with 1 <= width <= {MAX_WIDTH}, depth >= 1, or Q<qubits>-<layers> with "
               f"{QUBITS[0]} <= qubits <= {QUBITS[1]}, layers >= 1")
    if not m:
        raise ParamsError(f"{where}: {model_id!r} is not a model id (allowed values: {allowed})")
    kind, a, b = m["kind"], int(m["a"]), int(m["b"])
    ok = b >= 1 and (1 <= a <= MAX_WIDTH if kind == "C" else QUBITS[0] <= a <= QUBITS[1])
    if not ok:
        raise ParamsError(f"{where}: {model_id!r} is out of range (allowed values: {allowed})")
    return kind, a, b


def _model_bounds(cfg: dict) -> None:
    """Every qrlbench model id parses and lies in range; CartPole's quantum policy has one qubit per input."""
    q = cfg["qrlbench"]
    for tier_name, t in q["tiers"].items():
        for key in ("models", "ppo_models", "sweep_models", "policy_test_models"):
            for mid in t[key]:
                parse_model_id(mid, f"params.yaml: invalid value at 'qrlbench.tiers.{tier_name}.{key}'")
    for mid in q["cartpole"]["models"]:
        where = "params.yaml: invalid value at 'qrlbench.cartpole.models'"
        kind, a, _ = parse_model_id(mid, where)
        if kind == "Q" and a != 4:
            raise ParamsError(f"{where}: {mid!r}: the raw-VQC has one qubit per CartPole input (allowed values: "
                              "Q4-<layers> or C<width>-<depth>)")


def ddqn_models(cfg: dict, env: str) -> list[str]:
    """The models trained by DDQN on ``env``: every model on main_env (Fig. 6), sweep_models elsewhere (Fig. 20)."""
    t = tier(cfg, "qrlbench")
    return t["models"] if env == cfg["qrlbench"]["main_env"] else t["sweep_models"]


def n_seeds(cfg: dict, model: str, algo: str = "ddqn", env: str | None = None) -> int:
    """Runs of one (env, algo, model): ``seeds`` (or ``seeds_by_model``) for DDQN on main_env, ``ppo_seeds`` for
    PPO, ``sweep_seeds`` for DDQN on the other envs."""
    t = tier(cfg, "qrlbench")
    if algo == "ppo":
        return t["ppo_seeds"]
    if (env or cfg["qrlbench"]["main_env"]) != cfg["qrlbench"]["main_env"]:
        return t["sweep_seeds"]
    return t["seeds_by_model"].get(model, t["seeds"])


def runs(cfg: dict, pattern: str) -> list[str]:
    """main_env: DDQN for every model, PPO for ppo_models (Fig. 6, 17); other envs: DDQN for sweep_models (Fig. 20);
    each (env, algo, model) with its :func:`n_seeds` runs."""
    t, main = tier(cfg, "qrlbench"), cfg["qrlbench"]["main_env"]
    cells = [(main, "ddqn", m) for m in ddqn_models(cfg, main)] + [(main, "ppo", m) for m in t["ppo_models"]]
    cells += [(env, "ddqn", m) for env in t["envs"] if env != main for m in ddqn_models(cfg, env)]
    return [f for env, algo, m in cells
            for f in expand(pattern, qrl_env=env, qrl_algo=algo, qrl_model=m, seed=range(n_seeds(cfg, m, algo, env)))]


def shared_tables(cfg: dict, wc) -> list[str] | str:
    """The shared episode tables of a DDQN run's (env, seed), where more than one DDQN model trains on that env
    at that seed (else a run draws its own: sharing would only add a job)."""
    if wc.qrl_algo != "ddqn":
        return []
    have = [m for m in ddqn_models(cfg, wc.qrl_env) if int(wc.seed) < n_seeds(cfg, m, "ddqn", wc.qrl_env)]
    if len(have) < 2:
        return []
    return f"results/qrlbench/tables/{wc.qrl_env}/seed{wc.seed}.npz"


def policy_test_runs(cfg: dict, pattern: str) -> list[str]:
    """The main-env DDQN runs of the tier's policy_test_models (Fig. 8 picks its best instances among them)."""
    main = cfg["qrlbench"]["main_env"]
    return [f for m in tier(cfg, "qrlbench")["policy_test_models"]
            for f in expand(pattern, qrl_env=main, qrl_model=m, seed=range(n_seeds(cfg, m)))]


def cartpole_runs(cfg: dict, pattern: str) -> list[str]:
    return expand(pattern, cartpole_model=cfg["qrlbench"]["cartpole"]["models"],
                  seed=range(tier(cfg, "qrlbench")["cartpole_seeds"]))


def run_config(cfg: dict, model: str, algo: str = "ddqn", env: str | None = None) -> dict:
    """Everything one qrlbench run depends on (its Snakemake params); ``env`` defaults to main_env."""
    if algo not in ALGOS:
        raise ParamsError(f"qrlbench algo must be one of {ALGOS}, got {algo!r}")
    q, t = cfg["qrlbench"], tier(cfg, "qrlbench")
    layout, degree = parse_env(env or q["main_env"])
    return {"algo": algo, "model": model, algo: q[algo], "val_envs": t["val_envs"], "backend": q["quantum_backend"],
            "env": {"name": env or q["main_env"], "layout": layout, "degree": degree, **q["env"]},
            "epochs": t["epochs"] if algo == "ddqn" else t["ppo_epochs"]}


def cartpole_config(cfg: dict, model: str) -> dict:
    """One E8 run (vanilla policy gradient on CartPole-v1, spec 001 section 1.2 [A]); same trainer interface as
    :func:`run_config`'s runs."""
    q, t = cfg["qrlbench"], tier(cfg, "qrlbench")
    cp = q["cartpole"]["vpg"]
    vpg = {k: v for k, v in cp.items() if not k.startswith("lr_")}
    vpg["lr"] = cp["lr_quantum" if model.startswith("Q") else "lr_classical"]
    return {"algo": "vpg", "model": model, "vpg": vpg, "backend": q["quantum_backend"],
            "env": {"name": "cartpole"}, "epochs": t["cartpole_epochs"]}


def parse_env(name: str) -> tuple[str, int]:
    """``a3-main-d3`` -> ("a3-main", 3); ``a4-2-d5`` -> ("a4-2", 5)."""
    layout, _, degree = name.rpartition("-d")
    if not layout or not degree.isdigit():
        raise ParamsError(f"qrlbench env name must look like 'a3-main-d3' or 'a4-2-d3', got {name!r}")
    return layout, int(degree)
