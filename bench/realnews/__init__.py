"""Builders and reports that measure storywatch on public news data kept outside the repo."""
