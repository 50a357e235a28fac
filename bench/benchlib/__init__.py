"""Helpers for bench/activity_bench.py: dev server, worker processes,
/proc measurements, scenarios and the report."""
