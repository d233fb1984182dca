import pytest

from mysite.page_cache import page_cache


@pytest.fixture
def page_cache_on(settings):
    """The page cache switched on, starting empty (the suite's cache is per process)."""
    settings.PAGE_CACHE_SECONDS = 600
    page_cache().clear()
    yield
    page_cache().clear()


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Run an edit and its on-commit work, as a real (committed) admin request would."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run
