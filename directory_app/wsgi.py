"""The WSGI entry point for gunicorn, which loads it once before forking workers.

Here, before the fork, the index is read in: field lengths, filter sets, and the
postings and phrases of every word of the synonym list (which most searches
expand into). What was read is kept per segment of the index, in memory the
workers share; each worker then opens the index for itself.
"""

from directory_app import create_app
from directory_app.indexing import get_index, synonyms
from search_index import IndexMissing

app = create_app()
try:
    index = get_index(app)
    index.warm()
    index.prime(synonyms())
    index.close()
except IndexMissing:
    pass  # the scheduler builds it; searches say so meanwhile
app.extensions.pop("search_index", None)  # each worker opens its own
