"""Excel/CSV imports of the jobs app's existing lists: vacancies and the trainees of a course."""
