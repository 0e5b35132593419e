"""Runtime: running the pipeline over a corpus (chunks, Dask, per-paper guards), writing outputs whole, the ledger."""
