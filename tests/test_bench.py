"""`qrepro bench`: each peer simulator of `qrepro bench peers` reproduces our kernel's values and gradients on the
same circuit (the bench's precondition for timing it), in this process or in its own environment; peers that are not
installed are skipped with the reason; the traffic and flop models count the compiled program's passes; the DDQN
split and the QI-MARL episode profile."""

import importlib
import sys

import pytest

from qrepro.bench import peers as bp
from qrepro.quantum.ansatz import iqp_crot_circuit, raw_vqc_circuit, reuploading_circuit

CIRCUITS = [reuploading_circuit(3, 1), iqp_crot_circuit(4, 2), raw_vqc_circuit(4, 1)]


@pytest.mark.parametrize("label", list(bp.PEERS))
def test_peer_agrees_with_the_kernel(label):
    module, build = bp.PEERS[label]
    try:
        importlib.import_module(module)
    except ImportError as err:
        pytest.skip(f"{label} not installed ({err}); pip install -c requirements.txt -r requirements-bench.txt")
    for c in CIRCUITS:
        assert bp.agreement(build(c), bp.kernel_reference(c), c) <= bp.TOLERANCE.get(label, 1e-6), (label, c.n_qubits)


@pytest.mark.parametrize("name", bp.ISOLATED)
def test_isolated_peer_agrees_with_the_kernel(name):
    """torchquantum and qiskit-torch-module, each driven in its own environment (Pauli observables only)."""
    if not bp._env_python(name).exists():
        pytest.skip(f"{name}: no environment .peers/{name} (5-6 GB, a CUDA build of torch); "
                    f"`qrepro bench setup-peers` builds it")
    for c in CIRCUITS[:2]:
        peer = bp.IsolatedPeer(name, c)
        try:
            assert bp.agreement(peer, bp.kernel_reference(c), c) <= bp.TOLERANCE[name], (name, c.n_qubits)
            assert peer.seconds(*_batch(c, 4), min_seconds=0.0, max_reps=1) > 0
        finally:
            peer.close()


def _batch(c, b):
    import numpy as np

    rng = np.random.default_rng(0)
    return rng.uniform(-3, 3, (b, c.n_inputs)), rng.uniform(-3, 3, c.n_weights)


def test_isolated_peer_failure_comes_back_with_its_traceback(monkeypatch):
    """The worker answers a failed request with its traceback, which the bench raises; here a peer it does not
    know, run by this interpreter."""
    monkeypatch.setattr(bp, "_env_python", lambda name: sys.executable)
    with pytest.raises(RuntimeError, match="(?s)peer worker failed.*KeyError: 'no-such-peer'"):
        bp.IsolatedPeer("no-such-peer", CIRCUITS[0])


def test_isolated_peers_take_no_parity_observable():
    with pytest.raises(ValueError, match="Parity"):
        bp.circuit_spec(raw_vqc_circuit(4, 1))


def test_setup_says_which_python_is_missing(monkeypatch):
    monkeypatch.setattr(bp, "_python_for", lambda version: None)
    outcome = bp.setup_environments()
    assert outcome == {"torchquantum": "skipped: no Python 3.11 found (looked for python3.11 on PATH and in pyenv)",
                       "qiskit-torch-module": "skipped: no Python 3.12 found (looked for python3.12 on PATH and in "
                                              "pyenv)"}


def test_a_peer_that_gets_the_circuit_wrong_is_caught():
    c = reuploading_circuit(3, 1)
    good = bp.pennylane(c)
    flipped = lambda x, w: tuple(-a for a in good(x, w))  # noqa: E731
    assert bp.agreement(flipped, bp.kernel_reference(c), c) > 1e-2


def test_unavailable_peers_come_with_a_reason():
    ok, skipped = bp.available()
    assert "PennyLane default.qubit (backprop)" in ok              # a project dependency
    assert set(skipped) | set(ok) == set(bp.PEERS) | set(bp.ISOLATED)
    assert all(why for why in skipped.values())


def test_an_isolated_peer_without_its_environment_names_the_setup_command(monkeypatch, tmp_path):
    monkeypatch.setattr(bp, "_env_python", lambda name: tmp_path / name / "bin" / "python")
    ok, skipped = bp.available()
    assert not set(bp.ISOLATED) & set(ok)
    assert skipped["torchquantum"] == ("needs its own environment (.peers/torchquantum, see requirements-peers/"
                                       "torchquantum.txt): build it with `qrepro bench setup-peers`")


def test_traffic_model_counts_the_program_passes():
    import torch

    from qrepro.bench.simulators import state_traffic
    from qrepro.quantum.kernel import KernelCircuit

    c = iqp_crot_circuit(4, 1)                 # leading H layer folded in; 4 CRots, each on a quarter of the rows
    k = KernelCircuit(c, torch.float32)
    state = 8 * 2 ** 4
    assert state_traffic(k, 1) == 3 * (2 * 4 * (2 ** 4 // 2) * 8 + state * (1 + 4))


def test_flop_model_counts_each_gate_pass():
    """Hand count on a 2-qubit program: RX on wire 0 updates 2 pairs, CRot(0 -> 1) the 1 pair whose control is 1,
    the H H layer that follows is one two-wire pass over 1 group of four rows (a leading H layer would be folded
    into the initial state, so the circuit starts with RX)."""
    import torch

    from qrepro.bench.simulators import gate_flops
    from qrepro.quantum.circuit import Circuit
    from qrepro.quantum.kernel import KernelCircuit

    c = Circuit(2)
    c.add("RX", 0, [c.new_input()])
    c.add("CRot", (0, 1), [c.new_input() for _ in range(3)])
    c.add("H", 0)
    c.add("H", 1)
    c.measure_all("Z")
    fwd, bwd = gate_flops(KernelCircuit(c, torch.float32), 3)
    assert fwd == 3 * (28 * 2 + 28 * 1 + 24 * 1)
    assert bwd == 3 * (80 * 2 + 80 * 1 + 48 * 1)


def test_kernel_speedup_needed():
    from qrepro.papers.qrlbench.bench import kernel_speedup_needed

    # hybrid 1.86 s of which 1.10 s kernel; classical 0.61 s: 1.5x = 0.915 s leaves 0.155 s for the kernel
    assert kernel_speedup_needed(0.61, 1.86, 1.10, 1.5) == pytest.approx(1.10 / (0.915 - 0.76))
    assert kernel_speedup_needed(1.0, 1.2, 0.6, 1.5) == pytest.approx(0.6 / 0.9)  # already within: below 1
    assert kernel_speedup_needed(0.5, 2.0, 1.0, 1.5) == float("inf")            # the rest alone (1.0 s) is over 0.75 s


def test_qimarl_episode_profile_attributes_each_part():
    """The profile finds the functions it names: QI-MARL spends time in its GP posterior, QAOA proposals and PPO
    update; PPO alone has neither a GP nor proposals; the parts and the rest add up to the whole episode."""
    from qrepro.papers.qimarl.bench import qimarl_episode_profile

    qi = qimarl_episode_profile("qimarl", episodes=1, warmup=1)
    assert sum(qi.values()) == pytest.approx(1.0)
    assert min(qi.values()) >= 0 and all(qi[k] > 0 for k in ("GP posterior", "QAOA proposals", "learner update",
                                                               "act", "env step", "observe"))
    ppo = qimarl_episode_profile("ppo", episodes=1, warmup=1)
    assert ppo["GP posterior"] == ppo["QAOA proposals"] == ppo["curiosity"] == 0 and ppo["learner update"] > 0


def test_against_a_revision_times_both_trees_and_compares_their_numbers(capsys):
    """`bench against HEAD`: both trees run the same code, so the numbers are the same and the ratio is near 1
    (one pair, loose: the host's noise); the worktree it made is gone afterwards."""
    import subprocess

    from qrepro.bench.against import against
    from qrepro.config import REPO_ROOT

    table = against("HEAD", rounds=1, chosen=(("qimarl", "ppo"), ("ddqn", "C16-2")),
                    sizes={"qimarl": (1, 1), "ddqn": (1, 1)})
    assert table.workload.tolist() == ["qimarl ppo", "ddqn C16-2"]
    assert table.same_numbers.all() and table.ratio.between(0.3, 3).all()
    assert "same numbers" in capsys.readouterr().out
    trees = subprocess.run(["git", "worktree", "list"], cwd=REPO_ROOT, capture_output=True, text=True).stdout
    assert "qrepro-against-" not in trees


def test_against_picks_kinds_or_single_workloads_and_names_the_allowed_ones():
    from qrepro.bench.against import select, workloads

    WORKLOADS = workloads()
    assert select([]) == WORKLOADS
    assert select(["qimarl"]) == tuple(w for w in WORKLOADS if w[0] == "qimarl") and len(select(["qimarl"])) == 7
    assert select(["ddqn/Q10-4", "sb3"]) == (("sb3", "qsac"), ("sb3", "sac"), ("sb3", "td3"), ("sb3", "ddpg"),
                                             ("ddqn", "Q10-4"))
    with pytest.raises(SystemExit, match=r"unknown 'qimarl/sac'; choose kinds ddqn, qimarl, sb3 or workloads "
                                         r"sb3/qsac, .*qimarl/iql"):
        select(["qimarl/sac"])


def test_against_an_unknown_revision_names_it():
    from qrepro.bench.against import against

    with pytest.raises(SystemExit, match="'no-such-rev' is not a commit"):
        against("no-such-rev", rounds=1)


def test_each_bench_is_a_subcommand_and_the_papers_add_their_own():
    """`qrepro bench kernel|peers|setup-peers|against` plus every paper's ``bench.commands``; the old flags are gone."""
    from qrepro.cli import parser

    top = parser()
    assert top.parse_args(["bench", "kernel", "--quick"]).run.__name__ == "_kernel"
    assert top.parse_args(["bench", "against", "HEAD"]).run.__name__ == "_against"
    for name in ("ddqn", "qaoa", "qimarl"):                         # the papers' own (qrlbench, dickeqaoa, qimarl)
        assert top.parse_args(["bench", name]).run.__module__.startswith("qrepro.papers.")
    assert top.parse_args(["bench", "ddqn"]).run.__module__ == "qrepro.papers.qrlbench.bench"
    assert top.parse_args(["bench", "ddqn"]).models == ["C64-2", "Q10-4", "Q14-4"]   # Q14-4 timed beside the others
    with pytest.raises(SystemExit):
        top.parse_args(["bench", "--peers"])
