"""Demo load commands: load_demo, load_demo_registry, load_demo_plans."""
