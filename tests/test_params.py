"""params.yaml validation: a bad value names its key and the allowed values; schema defaults are filled in."""

import pytest
from conftest import ROOT

from qrepro.config import ParamsError, load_params


@pytest.mark.parametrize("override, needle", [
    ({"tier": "huge"}, "'tier'.*'smoke', 'default', 'claims', 'paper'"),
    ({"qsac": {"quantum": {"backend": "gpu"}}}, "qsac.quantum.backend.*'torch', 'pennylane'"),
    ({"qsac": {"models": ["qsac", "ppo"]}}, "qsac.models.1"),
    ({"qsac": {"agent": {"batch_size": 0}}}, "qsac.agent.batch_size"),
    ({"qsac": {"tiers": {"smoke": {"configs": ["nr7"]}}}}, "qsac.tiers.smoke.configs.*'nr7'.*'nr60'"),
    ({"qsac": {"env": {"zeta": 2}}}, "qsac.env.zeta"),
    ({"data": {"adapshare": {"files": {"x.tsv": "nothex"}}}}, "data.adapshare.files.x.tsv"),
    # model ids: width >= 1, qubits within what the simulators hold, the allowed range in the message
    ({"qrlbench": {"tiers": {"smoke": {"models": ["C0-2"]}}}}, r"qrlbench.tiers.smoke.models.*'C0-2' is out of "
                                                                 r"range.*1 <= width <= 4096.*2 <= qubits <= 16"),
    ({"qrlbench": {"tiers": {"default": {"ppo_models": ["Q40-2"]}}}}, r"qrlbench.tiers.default.ppo_models.*'Q40-2'"),
    ({"qrlbench": {"tiers": {"paper": {"sweep_models": ["Q1-4"]}}}}, r"'Q1-4' is out of range"),
    ({"qrlbench": {"tiers": {"smoke": {"policy_test_models": ["Q10-0"]}}}}, r"'Q10-0' is out of range.*layers >= 1"),
    ({"qrlbench": {"cartpole": {"models": ["C16-1", "Q6-1"]}}}, r"qrlbench.cartpole.models.*one qubit per CartPole"),
    # the learners' settings live in params.yaml too, checked like every other
    ({"qimarl": {"ppo": {"clip": 0}}}, r"qimarl.ppo.clip"),
    ({"qimarl": {"offpolicy": {"noise": [0.2]}}}, r"qimarl.offpolicy.noise"),
    ({"qimarl": {"env": {"weights": [1.0, 0.5]}}}, r"qimarl.env.weights"),
    ({"cqdt": {"loop": {"phi": 1.0}}}, r"cqdt.loop.phi"),
])
def test_bad_params_name_the_parameter(override, needle):
    with pytest.raises(ParamsError, match=needle):
        load_params(ROOT / "params.yaml", override)


def test_defaults_filled():
    import yaml

    raw = yaml.safe_load((ROOT / "params.yaml").read_text())
    del raw["data"]["timeout_s"]
    from qrepro.config import validate_params

    assert validate_params(raw)["data"]["timeout_s"] == 20
