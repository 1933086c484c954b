"""giamngheo: the system that runs Vietnam's sustainable poverty reduction program."""
