"""Staff accounts (editors, marketers, front desk) for the Wagtail admin.

A custom user model from the first migration costs nothing now and saves a risky
model swap later; it deliberately adds no fields yet.
"""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    class Meta:
        verbose_name = "staff account"
        verbose_name_plural = "staff accounts"
