"""The sign-in for pages an editor made private to logged-in users (Privacy in the admin).

Wagtail's own view (/_util/login/) puts the cursor in the username box on arrival, so a
screen-reader user lands in a text box without hearing the page's heading and why they are
there, and the skip link is no longer the first thing Tab reaches. This one doesn't.
Staff sign in to the admin at /admin/ as before.
"""

from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView


class SignInForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)


class SignInView(LoginView):
    form_class = SignInForm
    template_name = "pages/login.html"
