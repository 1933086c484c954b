"""Program plans: catalogue, plans, targets and their allocation, budgets, tasks, reporting calendar."""
