"""Probabilistic models shared by learners (paper 004's GP signal-field model)."""
