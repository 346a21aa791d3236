"""Publication machinery: the manifest and README Findings (publish), staleness, compare, the planner, the run ledger
and dvc.yaml generation. The workflow imports only what scheduling needs (the code digest, the costs, the run
ledger), which are no stage's dependency."""
