"""The live web page: its data (live.py), its routes (pages.py), its files (static/)."""
