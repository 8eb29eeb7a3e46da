"""chuangye: progress of an action plan's targets."""

__version__ = "0.1.0"
