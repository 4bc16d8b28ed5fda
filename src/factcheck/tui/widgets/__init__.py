"""Widgets, grouped by the region of the screen they fill."""
