"""Project 1 infrastructure works and Projects 2/3 livelihood models and production projects."""
