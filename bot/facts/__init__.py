"""Look-ups by SOC code from published data (BLS pay today)."""
