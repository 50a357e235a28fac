"""Helpers for bench/activity_bench.py, bench/workflow_bench.py and
bench/chaos.py: dev server, worker processes, /proc measurements, scenarios
and the reports."""
