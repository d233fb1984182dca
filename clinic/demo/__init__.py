"""Demo content for `manage.py load_demo_content`: the copy (content.py) and images (images.py).

Kept apart from the command so the words can be reviewed and edited without reading loader code.
"""
