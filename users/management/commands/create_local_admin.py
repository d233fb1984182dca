"""Create (once) and print an admin login for a developer's own machine.

`make run` calls this. It refuses to run unless DEBUG is on, so it can never create a
known account on a real deployment. The password is random and kept in `.local-admin`
(git-ignored) so it can be printed again on the next `make run`.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create a local-only admin account (DEBUG only) and print how to log in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--credentials-file",
            default=str(Path(settings.BASE_DIR) / ".local-admin"),
            help="Where the generated password is kept between runs.",
        )

    def handle(self, *args, credentials_file, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a local admin: DEBUG is off (not a local setup)."
            )

        User = get_user_model()
        credentials = Path(credentials_file)
        user = User.objects.filter(username=USERNAME).first()

        if user is None:
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(USERNAME, email="", password=password)
            credentials.write_text(password + "\n")
            credentials.chmod(0o600)
        elif credentials.exists() and user.check_password(credentials.read_text().strip()):
            password = credentials.read_text().strip()
        else:
            self.stdout.write(
                f"The admin user '{USERNAME}' exists with a password set by hand. "
                f"Change it with: .venv/bin/python manage.py changepassword {USERNAME}"
            )
            return

        self.stdout.write(
            self.style.SUCCESS("Local admin (this machine only):")
            + f"\n  http://127.0.0.1:8000/admin/\n  username: {USERNAME}\n  password: {password}\n"
        )
