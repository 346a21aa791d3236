"""Per-paper metrics and claim deciders; :mod:`.claims` is the one contract every paper's claims table follows."""
