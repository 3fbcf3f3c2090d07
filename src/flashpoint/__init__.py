"""Flashpoint: news text -> verifiable political event data (CAMEO + PLOVER) and escalation signals."""

__version__ = "0.1.0"
