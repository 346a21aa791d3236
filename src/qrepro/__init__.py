"""qrepro: end-to-end, statistically checked reproductions of five quantum-for-wireless papers."""

__version__ = "0.1.0"
