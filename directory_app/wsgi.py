"""The WSGI entry point for gunicorn: each worker's app, its index read in."""

from directory_app import create_app
from directory_app.indexing import get_index
from search_index import IndexMissing

app = create_app()
try:
    get_index(app).warm()  # the worker's first searches as quick as the rest
except IndexMissing:
    pass  # the scheduler builds it; searches say so meanwhile
