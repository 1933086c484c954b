"""Benchmarks and the synthetic data generator."""
