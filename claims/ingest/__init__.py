"""Ingest stage: inputs of every supported format -> one papers DataFrame (typed fields, one row per paper)."""
