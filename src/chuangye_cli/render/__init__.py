"""Renderers: turn computed results into text. Nothing here computes or reads files."""
