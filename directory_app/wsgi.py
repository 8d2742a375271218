"""The WSGI entry point for gunicorn."""

from directory_app import create_app

app = create_app()
