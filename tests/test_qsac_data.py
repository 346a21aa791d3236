"""The AdapShare demand data of paper 000: checksum-verified import with fallbacks, the demand table's schema."""

import pytest
from conftest import SHARED_DATA

from qrepro.papers.qsac.adapshare import ChecksumError, demand_table, import_files


def test_import_falls_back_and_rejects_bad_checksums(tmp_path):
    files = {"LTE_Demand_hourly.tsv": "a672db0224c52ce3c1bf67344fe701935da43c7c40fa28133d050b4f62d07c4a"}
    man = import_files(files, [str(tmp_path / "missing"), str(SHARED_DATA)], {n: tmp_path / "out" / n for n in files},
                       tmp_path / "out/manifest.json")
    assert man["LTE_Demand_hourly.tsv"]["source"] == str(SHARED_DATA)
    bad = {"LTE_Demand_hourly.tsv": "0" * 64}
    with pytest.raises(ChecksumError, match="LTE_Demand_hourly.tsv.*sha256"):
        import_files(bad, [str(SHARED_DATA)], {n: tmp_path / "out2" / n for n in bad}, tmp_path / "out2/m.json")
    assert not (tmp_path / "out2" / "LTE_Demand_hourly.tsv").exists()


def test_demand_schema_rejects_non_positive(tmp_path):
    (tmp_path / "l.tsv").write_text("Time\tNRB\n1\t5.0\n2\t-1.0\n")
    (tmp_path / "n.tsv").write_text("Time\tNRB\n1\t5.0\n2\t4.0\n")
    import pandera.errors

    with pytest.raises(pandera.errors.SchemaError, match="lte_prb"):
        demand_table(tmp_path / "l.tsv", tmp_path / "n.tsv")
