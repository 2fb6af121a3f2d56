"""Keyword spotting on Speech Commands."""
