"""Search backends of our own: modelsearch's database backends, made fast for this site.

Selected in settings (`WAGTAILSEARCH_BACKENDS`) as `search.backends.database`.
"""
