"""Boards stage: validated claims -> ranked leaderboards, rendered (CSV, Markdown, HTML report) and exported."""
