"""Writes of the jobs app: labour surveys, employers and vacancies, referrals, training, work abroad."""
