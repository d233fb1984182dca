from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content: `manage.py load_demo_content` builds a whole demo site (pages, clinic
    details, FAQs, a provider, generated images). It imports every content app, so it sits on
    top of them and nothing imports it."""

    name = "demo"
    verbose_name = "Demo content"
