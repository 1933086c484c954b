"""Monitoring and evaluation: indicators, values, achievement, periodic reports with approval."""
