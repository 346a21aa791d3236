"""Paper 003 problem layer: instances, ILP vs brute force, greedy, dual start, against the spec's exhaustive values."""

import numpy as np
import pytest

from qrepro.papers.dickeqaoa.problem import (
    ALT_CHORDS,
    CAPACITIES,
    cbrs_instance,
    configs_from_indices,
    indices_from_configs,
    search_space,
)
from qrepro.papers.dickeqaoa.solvers import brute_force, dual_feasible_configs, greedy, greedy_fill, ilp, plaquettes

# spec 1.3 table: N -> (|E|, |F|, ILP opt, #optimal, C_max, mean C over F, greedy)
SPEC = {5: (7, 243, 2, 6, 8, 4.667, 3), 6: (8, 729, 3, 6, 10, 6.0, 4), 7: (9, 2187, 2, 6, 10, 6.0, 3),
        8: (10, 6561, 2, 6, 11, 6.333, 4)}


@pytest.mark.parametrize("n", sorted(SPEC))
def test_instance_matches_spec_enumeration(n):
    inst = cbrs_instance(n)
    edges, size, opt, n_opt, c_max, mean, g = SPEC[n]
    bf = brute_force(inst)
    assert (len(inst.edges), inst.n_feasible, bf["n_configs"]) == (edges, size, size)
    assert (bf["opt"], bf["n_opt"], bf["c_max"], round(bf["mean"], 3)) == (opt, n_opt, c_max, mean)
    ilp_opt, x = ilp(inst)
    assert ilp_opt == opt and inst.feasible(x) and inst.conflicts(x) == opt
    gx = greedy(inst)
    assert inst.feasible(gx) and inst.conflicts(gx) == g


def test_n8_histogram_greedy_assignment_and_table1():
    inst = cbrs_instance(8)
    assert brute_force(inst)["histogram"] == {2: 6, 3: 114, 4: 546, 5: 1221, 6: 1932, 7: 1284, 8: 942, 9: 384,
                                              10: 114, 11: 18}
    sets = [set(np.flatnonzero(r)) for r in greedy(inst)]
    assert sets == [{0, 2}, {0}, {1, 2}, {0}, {1}, {0, 2}, {1}, {0}]
    ss = search_space(inst)
    assert ss["feasible_states"] == 6561 != 2916                       # the paper's Table 1 count is wrong
    assert round(ss["feasible_fraction"], 6) == 3.91e-4 and round(ss["reduction_factor"]) == 2557
    optimum = np.zeros((8, 3), int)
    for i, cs in enumerate([{0, 1}, {2}, {0, 2}, {1}, {0}, {1, 2}, {0}, {2}]):
        optimum[i, list(cs)] = 1
    assert inst.conflicts(optimum) == 2                                # spec's listed optimum


def test_alternate_chords_match_the_ilp_column_only():
    ilps = [ilp(cbrs_instance(n, chords=ALT_CHORDS))[0] for n in (6, 7, 8)]
    greedies = [int(cbrs_instance(n, chords=ALT_CHORDS).conflicts(greedy(cbrs_instance(n, chords=ALT_CHORDS))))
                for n in (6, 7, 8)]
    assert ilps == [3, 2, 2] and greedies != [4, 3, 4]


def test_dual_subspace_start_and_optimum():
    inst = cbrs_instance(8)
    x0 = greedy_fill(inst, CAPACITIES)
    assert x0.tolist() == [[1, 1, 0], [1, 0, 0], [1, 1, 0], [1, 0, 0], [0, 1, 0], [0, 1, 1], [0, 0, 1], [0, 0, 1]]
    assert inst.conflicts(x0) == 9
    dual = dual_feasible_configs(inst, CAPACITIES)
    bf = brute_force(inst, dual)
    assert len(dual) == 570 and (bf["opt"], bf["n_opt"], round(bf["mean"], 3)) == (2, 2, 5.495)
    assert ilp(inst, CAPACITIES)[0] == 2
    assert len(plaquettes(8, 3)) == 84


def test_greedy_fill_fails_loudly_where_the_paper_says_it_cannot():
    inst = cbrs_instance(4, demands=(1, 2, 1, 1), chords=())
    with pytest.raises(ValueError, match="greedy fill leaves residual"):
        greedy_fill(inst, (1, 0, 4))    # sums match (5 = 5), yet greedy fill strands node 1 (spec 6.12)


def test_index_round_trip_is_little_endian():
    inst = cbrs_instance(4)
    idx = np.array([0, 1, 2 ** 3, 2 ** 11, 3001])
    x = configs_from_indices(idx, inst)
    assert x[1, 0, 0] == 1 and x[2, 1, 0] == 1 and x[3, 3, 2] == 1          # q = i * m + c
    assert (indices_from_configs(x) == idx).all()


@pytest.mark.parametrize("kwargs, match", [({"n": 9}, "N must be in 3..8"), ({"n": 3}, "chord .* does not fit N=3"),
                                           ({"n": 5, "demands": (4, 1, 1, 1, 1)}, "demands must lie in 1..m=3")])
def test_bad_instance_parameters_are_named(kwargs, match):
    with pytest.raises(ValueError, match=match):
        cbrs_instance(**kwargs)
