"""The consent wording of the consultation form, versioned: each change is a new version.

Its own module so the form (contact/forms.py) can read the current wording without importing
the page models that build the form.
"""

from django.db import models
from wagtail.admin.panels import FieldPanel


class ConsentWording(models.Model):
    """The words a visitor agrees to when sending the form. Each change is a new version.

    A submission points at the version the visitor saw, so changing the wording later never
    changes what an earlier patient agreed to.
    """

    text = models.TextField(
        max_length=600,
        help_text=(
            "What the visitor agrees to by ticking the box, e.g. 'I agree that the clinic may "
            "store these details and contact me about my enquiry.' Saving a change creates a "
            "new version; earlier requests keep the version they agreed to."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("text")]

    class Meta:
        ordering = ["-pk"]
        verbose_name = "consent wording"

    def __str__(self) -> str:
        return f"Version {self.pk}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("text", flat=True).first()
            if stored is not None and stored != self.text:
                # Never rewrite what someone agreed to: a changed text is a new version.
                self.pk = None
                self._state.adding = True
                self.created_at = None
        super().save(*args, **kwargs)

    @property
    def version(self) -> int:
        return self.pk

    @classmethod
    def current(cls) -> "ConsentWording | None":
        return cls.objects.order_by("-pk").first()
