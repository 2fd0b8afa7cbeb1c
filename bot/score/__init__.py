"""The METHODOLOGY.md constants and formulas: a profile in, numbers out; no pay, no prose."""
