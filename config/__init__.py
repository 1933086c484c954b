"""Django project configuration for giamngheo."""
