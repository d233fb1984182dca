"""Build the demo site: pages, clinic details, FAQs, a placeholder provider and generated images.

Safe to run again, and on every deploy: everything is found by a stable key (page slug, image
title, FAQ question, category slug, provider name). What already exists is left exactly as
editors left it, so a second run creates nothing and changes nothing. `--reset` puts the demo
wording back on the demo objects (updating in place, with new revisions where something
differs). Objects an editor added are never deleted; the only thing ever removed is Wagtail's
empty "Welcome to your new Wagtail site!" page.
"""

import hashlib
import logging
from collections import Counter
from contextlib import contextmanager, nullcontext
from io import BytesIO

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.fields import StreamField
from wagtail.models import Page, Site

from clinic.models import ClinicImage, ClinicSettings, OpeningHours, Provider
from contact.models import ConsultationFormField, ContactPage
from demo import content, images
from faqs.models import FAQ, FAQCategory, FAQIndexPage
from home.models import HomePage, HomePageFeaturedService
from review.models import PageReference, default_next_review
from services.models import DEFAULT_DISCLAIMER, ServiceIndexPage, ServicePage, ServiceStep
from team.models import TeamPage

# Wagtail and its background tasks log every save at INFO: dozens of lines that would bury the
# summary. They are turned down to warnings unless asked for with --verbosity 2 or more.
NOISY_LOGGERS = ["wagtail", "django_tasks"]


@contextmanager
def quiet_loggers(names: list[str]):
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def set_fields(obj, values: dict) -> bool:
    """Assign `values` to `obj`; return whether anything actually differed."""
    changed = False
    for name, new in values.items():
        field = obj._meta.get_field(name)
        if field.many_to_one:
            # Compare foreign keys by id: no query, and no false change from a stale instance.
            if getattr(obj, field.attname) != (new.pk if new is not None else None):
                setattr(obj, name, new)
                changed = True
            continue
        old = getattr(obj, name)
        setattr(obj, name, new)
        if _comparable(field, getattr(obj, name)) != _comparable(field, old):
            changed = True
        else:
            setattr(obj, name, old)  # keeps StreamField block ids stable across runs
    return changed


def _comparable(field, value):
    if isinstance(field, StreamField):
        # Block ids are generated afresh for new data, so compare types and values only.
        blocks = field.stream_block.get_prep_value(value)
        return [{key: item for key, item in block.items() if key != "id"} for block in blocks]
    return value


def set_children(obj, relation: str, model, rows: list[dict]) -> bool:
    """Replace an inline relation's rows (steps, opening hours...) if they differ from `rows`."""
    # The admin numbers inline rows; saving them here doesn't, so number them ourselves.
    rows = [{**row, "sort_order": position} for position, row in enumerate(rows)]
    names = list(rows[0]) if rows else []
    current = [{name: getattr(row, name) for name in names} for row in getattr(obj, relation).all()]
    if current == rows:
        return False
    setattr(obj, relation, [model(**row) for row in rows])
    return True


def stream(blocks) -> list[dict]:
    """StreamField data from (block type, value) pairs."""
    return [{"type": block_type, "value": value} for block_type, value in blocks]


def points(lines: list[str]) -> list[dict]:
    return stream(("point", line) for line in lines)


def without_slug(values: dict) -> tuple[str, dict]:
    values = dict(values)
    return values.pop("slug"), values


class Command(BaseCommand):
    help = "Create the demo site's pages, clinic details, FAQs, provider and images if missing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Also put the demo wording back on demo objects that editors have changed.",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        self.reset = options["reset"]
        self.results: list[tuple[str, str]] = []
        # Files are written to storage straight away, outside the transaction: remember them so
        # a failed run can remove them again instead of leaving orphans.
        self.new_files = []
        quiet = quiet_loggers(NOISY_LOGGERS) if self.verbosity < 2 else nullcontext()
        try:
            with quiet, transaction.atomic():
                self.load()
        except BaseException:
            for storage, name in self.new_files:
                storage.delete(name)
            raise
        self.report()

    def load(self) -> None:
        image = {demo.title: self.load_image(demo) for demo in images.ALL}

        site, home, home_created, home_changed = self.load_home(
            {**content.HOME, "hero_image": image[images.HOME_HERO.title]}
        )

        slug, values = without_slug(content.SERVICES)
        services = self.load_page(home, ServiceIndexPage, slug, {**values, "show_in_menus": True})
        # The provider first: the PRP page names them as its author and medical reviewer.
        provider = self.load_provider(image[images.PROVIDER_PLACEHOLDER.title])
        slug, values = without_slug(content.PRP)
        prp = self.load_page(
            services,
            ServicePage,
            slug,
            {
                **values,
                "hero_image": image[images.PRP_TUBE.title],
                "suitable_for": points(content.PRP_SUITABLE_FOR),
                "not_suitable_for": points(content.PRP_NOT_SUITABLE_FOR),
                "benefits": stream(("benefit", benefit) for benefit in content.PRP_BENEFITS),
                "preparation": points(content.PRP_PREPARATION),
                "aftercare": points(content.PRP_AFTERCARE),
                "risks": points(content.PRP_RISKS),
                "disclaimer": DEFAULT_DISCLAIMER,
                "body": stream(content.PRP_BODY),
                "author": provider,
                "medical_reviewer": provider,
                "last_reviewed": content.LAST_REVIEWED,
                "next_review_due": default_next_review(content.LAST_REVIEWED),
            },
            children=[
                ("steps", ServiceStep, content.PRP_STEPS),
                ("references", PageReference, content.PRP_REFERENCES),
            ],
        )
        slug, values = without_slug(content.FAQ_INDEX)
        # The answers are health information: the FAQ page is marked as medical content.
        review = {
            "medical_content": True,
            "author": provider,
            "medical_reviewer": provider,
            "last_reviewed": content.LAST_REVIEWED,
            "next_review_due": default_next_review(content.LAST_REVIEWED),
        }
        self.load_page(home, FAQIndexPage, slug, {**values, **review, "show_in_menus": True})
        slug, values = without_slug(content.CONTACT)
        contact = self.load_page(
            home,
            ContactPage,
            slug,
            {**values, "show_in_menus": True},
            children=[("form_fields", ConsultationFormField, content.CONTACT_FORM_FIELDS)],
        )
        slug, values = without_slug(content.TEAM)
        self.load_page(home, TeamPage, slug, {**values, "show_in_menus": True})

        # The home page is published last, once the service it features exists. Re-read it
        # first: adding children changed its child count, and publishing writes the tree fields.
        home = HomePage.objects.get(pk=home.pk)
        if home_created or self.reset:
            featured = [{"service_id": prp.pk}]
            home_changed |= set_children(
                home, "featured_services", HomePageFeaturedService, featured
            )
        self.publish(home, f"page '{home.title}'", home_created, home_changed)

        self.load_settings(site, contact, share_image=image[images.HOME_HERO.title])
        categories = {item["slug"]: self.load_category(item) for item in content.FAQ_CATEGORIES}
        for position, values in enumerate(content.FAQS, start=1):
            self.load_faq(values, categories[values["category"]], position * 10, prp, contact)

    # --- Pages -------------------------------------------------------------------------------

    def load_home(self, values: dict) -> tuple[Site, HomePage, bool, bool]:
        """Find or create the home page at the top of the tree; make it the default Site's root."""
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = None
        if site is not None and site.root_page.specific_class is HomePage:
            home = site.root_page.specific
        if home is None:
            home = HomePage.objects.filter(depth=2).order_by("path").first()
        if site is not None and (home is None or site.root_page_id != home.pk):
            self.retire_welcome_page(site)

        created = home is None
        if created:
            root = Page.get_first_root_node()  # read after any deletion changed its child count
            slug = "home" if not root.get_children().filter(slug="home").exists() else "demo-home"
            home = HomePage(slug=slug, live=False, has_unpublished_changes=True)
            set_fields(home, values)
            root.add_child(instance=home)
            changed = True
        else:
            changed = self.reset and set_fields(home, values)

        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True, root_page=home)
            site.save()
            self.note("site 'localhost'", created=True)
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
            self.note(f"site '{site.hostname}' (its root is now the home page)", changed=True)
        return site, home, created, changed

    def retire_welcome_page(self, site: Site) -> None:
        """Delete Wagtail's starter page, but only if it's untouched: plain Page, no children."""
        old = site.root_page
        if (
            old.specific_class is Page
            and old.depth == 2
            and old.numchild == 0
            and not old.sites_rooted_here.exclude(pk=site.pk).exists()
        ):
            # Deleting a Site's root page deletes the Site too: park it on the tree root first.
            site.root_page = Page.get_first_root_node()
            site.save()
            old.delete()
            self.results.append(("deleted", f"Wagtail's starter page '{old.title}'"))
        else:
            self.results.append(
                ("kept", f"previous site root page '{old.title}' (not a demo page)")
            )

    def find_child(self, parent: Page, page_class, slug: str):
        page = parent.get_children().filter(slug=slug).first()
        if page is None and page_class.max_count_per_parent == 1:
            # Only one may exist here: reuse it even if an editor changed its slug.
            page = page_class.objects.child_of(parent).first()
        if page is None:
            return None
        if page.specific_class is not page_class:
            raise CommandError(
                f"The page at {page.url_path} is a {page.specific_class._meta.verbose_name}, not "
                f"a {page_class._meta.verbose_name}. Move or rename it, then run this again."
            )
        return page.specific

    def load_page(self, parent: Page, page_class, slug: str, values: dict, children=()) -> Page:
        page = self.find_child(parent, page_class, slug)
        created = page is None
        if not created and not self.reset:
            self.note(f"page '{page.title}'")
            return page
        if created:
            # A draft until the revision below is published, as when an editor creates it.
            page = page_class(slug=slug, live=False, has_unpublished_changes=True)
        changed = set_fields(page, values)
        for relation, model, rows in children:
            changed |= set_children(page, relation, model, rows)
        if created:
            parent.add_child(instance=page)
        self.publish(page, f"page '{page.title}'", created, changed)
        return page

    def publish(self, obj, label: str, created: bool, changed: bool) -> None:
        """Publish through a revision, as the admin does, so the history shows the change.

        Without --reset an existing object is never republished: an editor may have
        unpublished it on purpose.
        """
        needs_publishing = created or changed or (self.reset and not obj.live)
        if needs_publishing:
            obj.save_revision().publish()
        self.note(label, created=created, changed=needs_publishing)

    # --- Snippets, settings and images -------------------------------------------------------

    def load_settings(self, site: Site, contact: ContactPage, share_image: ClinicImage) -> None:
        clinic = ClinicSettings.objects.filter(site=site).first()
        created = clinic is None
        if not created and not self.reset:
            self.note("clinic details")
            return
        if created:
            clinic = ClinicSettings(site=site)
        changed = set_fields(
            clinic,
            {**content.CLINIC, "contact_page": contact, "default_share_image": share_image},
        )
        changed |= set_children(clinic, "opening_hours", OpeningHours, content.OPENING_HOURS)
        if created or changed:
            clinic.full_clean()
            clinic.save()
        self.note("clinic details", created=created, changed=changed)

    def load_category(self, values: dict) -> FAQCategory:
        # Names are unique too: adopt an editor's category of the same name rather than clash.
        category = (
            FAQCategory.objects.filter(slug=values["slug"]).first()
            or FAQCategory.objects.filter(name=values["name"]).first()
        )
        created = category is None
        if not created and not self.reset:
            self.note(f"FAQ category '{category.name}'")
            return category
        if created:
            category = FAQCategory()
        changed = set_fields(category, values)
        if created or changed:
            category.full_clean()
            category.save()
        self.note(f"FAQ category '{category.name}'", created=created, changed=changed)
        return category

    def load_faq(self, values, category, position, service, contact) -> None:
        faq = FAQ.objects.filter(question=values["question"]).order_by("pk").first()
        created = faq is None
        if not created and not self.reset:
            self.note(f"FAQ '{faq.question}'")
            return
        if created:
            faq = FAQ(question=values["question"], live=False)
        answer = values["answer"].format(contact_page_id=contact.pk)
        changed = set_fields(faq, {"answer": answer, "category": category, "sort_order": position})
        # Link the service, but keep any other services an editor linked.
        linked = [] if created else list(faq.related_services.all())
        if service.pk not in {page.pk for page in linked}:
            faq.related_services = [*linked, service]
            changed = True
        if created:
            faq.save()  # a revision needs an id to point to
        self.publish(faq, f"FAQ '{faq.question}'", created, changed)

    def load_provider(self, photo: ClinicImage) -> Provider:
        provider = Provider.objects.filter(name=content.PROVIDER["name"]).order_by("pk").first()
        created = provider is None
        if not created and not self.reset:
            self.note(f"provider '{provider.name}'")
            return provider
        if created:
            provider = Provider()
        changed = set_fields(provider, {**content.PROVIDER, "photo": photo})
        if created or changed:
            provider.full_clean()
            provider.save()
        self.note(f"provider '{provider.name}'", created=created, changed=changed)
        return provider

    def load_image(self, demo: images.DemoImage) -> ClinicImage:
        image = ClinicImage.objects.filter(title=demo.title).order_by("pk").first()
        created = image is None
        if not created and not self.reset:
            self.note(f"image '{image.title}'")
            return image
        data = demo.draw()
        # The same content hash Wagtail stores in file_hash; not used for security.
        digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        if created:
            image = ClinicImage(title=demo.title)
        changed = set_fields(image, {"description": demo.description})

        old_name = image.file.name
        file_current = (
            not created and image.file_hash == digest and image.file.storage.exists(old_name)
        )
        if not file_current:
            image.file = ImageFile(BytesIO(data), name=demo.filename)
            image.file_size = len(data)
            image.file_hash = digest
            # A focal point chosen on the old picture means nothing on the new one.
            image.focal_point_x = image.focal_point_y = None
            image.focal_point_width = image.focal_point_height = None
            changed = True
        if created or changed:
            image.full_clean()
            image.save()
        if not file_current:
            storage = image.file.storage
            self.new_files.append((storage, image.file.name))
            if not created:
                image.renditions.all().delete()  # Wagtail removes their files after commit
                if old_name and old_name != image.file.name:
                    transaction.on_commit(lambda: storage.delete(old_name))
        self.note(f"image '{image.title}'", created=created, changed=changed)
        return image

    # --- Output --------------------------------------------------------------------------------

    def note(self, label: str, created: bool = False, changed: bool = False) -> None:
        action = "created" if created else "updated" if changed else "unchanged"
        self.results.append((action, label))

    def report(self) -> None:
        if self.verbosity == 0:
            return
        for action, label in self.results:
            if action != "unchanged" or self.verbosity >= 2:
                self.stdout.write(f"  {action}: {label}")
        counts = Counter(action for action, _ in self.results)
        summary = ", ".join(f"{count} {action}" for action, count in sorted(counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {summary}."))
