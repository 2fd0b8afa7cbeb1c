"""Look-ups by SOC code from published data (BLS pay today)."""

from bot.facts.pay import Facts, Pay

__all__ = ["Facts", "Pay"]
