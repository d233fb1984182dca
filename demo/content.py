"""The demo site's words, as plain data.

Medical statements stay within what the clinic's source material supports: PRP can help some
people, results vary, and it can't regrow hair where follicles are gone. No success rates, no
prices, no timelines for results. The clinic, address, provider and social profiles are
placeholders, marked as such, for the real practice to replace.

Lookup keys the loader relies on to stay idempotent: page slugs, FAQ questions, category slugs,
the provider's name and image titles (in images.py). Changing one of them makes the next run
create a new object rather than update the old one.
"""

from datetime import date, time

PHONE = "(310) 975-9785"

# --- Pages -----------------------------------------------------------------------------------

HOME = {
    "title": "Home",
    "search_description": (
        "PRP hair restoration for men and women with thinning hair, starting with a "
        "dermatologist's assessment of the cause."
    ),
    "hero_heading": "PRP for thinning hair, prepared from your own blood",
    "hero_intro": (
        "Platelet-rich plasma (PRP) treatment uses a small sample of your own blood to support "
        "thinning hair. It starts with a dermatologist finding out why your hair is thinning, and "
        "an honest conversation about what PRP can and can't do."
    ),
    "featured_heading": "Our treatments",
    "cta_heading": "Talk to us about your hair",
    "cta_text": (
        "Book a consultation or give us a call. We'll look at what is behind your hair loss and "
        "tell you plainly whether PRP is worth trying."
    ),
}

SERVICES = {
    "title": "Services",
    "slug": "services",
    "intro": (
        "Each treatment page explains how it works, who it may help and who it won't, the usual "
        "treatment plan, aftercare and risks."
    ),
}

PRP = {
    "title": "PRP hair restoration",
    "slug": "prp-hair-restoration",
    "search_description": (
        "How PRP treatment for thinning hair works, who it may help, the usual plan of sessions, "
        "aftercare and risks."
    ),
    "summary": (
        "Platelet-rich plasma (PRP) is prepared from a small sample of your own blood and injected "
        "into thinning areas of the scalp. In some people it can slow hair loss and support "
        "thicker hair; results vary."
    ),
    "plan_sessions": 3,
    "plan_interval_weeks_min": 4,
    "plan_interval_weeks_max": 6,
    "plan_maintenance_months_min": 4,
    "plan_maintenance_months_max": 6,
    "downtime": "Most people go back to their usual activities almost straight away.",
}

PRP_STEPS = [
    {
        "title": "A small blood draw",
        "description": (
            "A clinician takes a small sample of your blood, usually from your arm, much like a "
            "routine blood test."
        ),
    },
    {
        "title": "Separating the plasma",
        "description": (
            "The sample is spun in a centrifuge, which separates it into three layers: "
            "platelet-rich plasma, platelet-poor plasma and red blood cells. The platelet-rich "
            "plasma is kept for your treatment and the rest is discarded."
        ),
    },
    {
        "title": "Injections into the scalp",
        "description": (
            "After a local anesthetic has been applied, the platelet-rich plasma is injected into "
            "the thinning areas of your scalp with a fine needle."
        ),
    },
]

PRP_SUITABLE_FOR = [
    "Men and women with thinning hair.",
    "Androgenetic alopecia: the hereditary hair loss also called male or female pattern hair loss.",
    "Hair thinning linked to the stresses of everyday life.",
    "Adults of a wide range of ages: clinical trials have treated people from 18 into their 70s.",
]

PRP_NOT_SUITABLE_FOR = [
    "Areas where the hair follicles are completely gone: PRP can't grow new hair there.",
    "The cause of stress-related thinning: PRP may help the hair, but it won't resolve the stress.",
]

PRP_BENEFITS = [
    {
        "title": "Made from your own blood",
        "description": (
            "The plasma comes from your own blood, so nothing foreign is injected and there is no "
            "foreign substance to cause an allergic reaction."
        ),
    },
    {
        "title": "No surgery",
        "description": (
            "PRP is a minimally invasive, non-surgical treatment given as a series of injections."
        ),
    },
    {
        "title": "Little downtime",
        "description": (
            "There is no recovery period to plan around: most people return to their normal "
            "routine almost immediately."
        ),
    },
    {
        "title": "A plan made for you",
        "description": (
            "A dermatologist first looks into what is causing your hair loss, then tailors the "
            "plan: how the plasma is prepared, the injection technique and how often you come in."
        ),
    },
]

# Only what the consultation and the procedure described above already say.
PRP_PREPARATION = [
    "Your first visit is a consultation: a dermatologist looks at your scalp and your history "
    "to find out what is behind your hair loss before recommending any treatment.",
    "Tell your clinician about any medicines you take and any medical conditions you have.",
    "The session starts with a small blood draw, much like a routine blood test.",
]

PRP_AFTERCARE = [
    "Minor swelling or redness where injected is normal and usually settles within about a day.",
    "Avoid vigorous exercise for 48 hours.",
    "Keep your scalp out of the sun for 48 hours.",
    "Wait 48 hours before washing your scalp.",
]

PRP_RISKS = [
    "Mild swelling, redness or tenderness where the injections went in.",
    "Results vary from person to person, and not everyone responds to PRP.",
    "It can't grow hair where the follicles are completely gone.",
    "Any improvement needs maintenance sessions to last.",
]

# (block type, value) pairs for the page's free-form body.
PRP_BODY = [
    ("heading", {"text": "Why a consultation comes first", "level": "h2"}),
    (
        "paragraph",
        "<p>Hair thins for many reasons, and PRP is not the answer to all of them. At your first "
        "visit a dermatologist looks at your scalp and your history to work out what is behind "
        "your hair loss before recommending any treatment.</p>",
    ),
    (
        "paragraph",
        "<p>The evidence for PRP in hair loss is mixed. Studies suggest it can increase hair count "
        "and thickness in some people, but it does not work for everyone. If PRP is a reasonable "
        "option for you, the dermatologist will tailor the plan and explain what is realistic "
        "before you decide.</p>",
    ),
    (
        "callout",
        {
            "title": "Realistic expectations",
            "text": "<p>PRP is not a cure for hair loss, and it can't bring back hair where the "
            "follicles are gone. Any improvement needs regular maintenance sessions to last. "
            "We would rather tell you that at the consultation than have you disappointed "
            "later.</p>",
        },
    ),
]

# Clinical review of the PRP page and the FAQ page: the demo provider reviewed them on this
# date (the next review falls due a year later). The PRP page's sources are published studies
# behind what it says: PRP can increase hair count and thickness in some people, and does not
# work for everyone.
LAST_REVIEWED = date(2026, 11, 2)

PRP_REFERENCES = [
    {
        "title": (
            "Platelet-Rich Plasma for the Treatment of Androgenic Alopecia: A Systematic Review"
        ),
        "source": "Facial Plastic Surgery, 2018",
        "url": "https://doi.org/10.1055/s-0038-1660845",
    },
    {
        "title": (
            "Platelet-Rich Plasma in Female Androgenic Alopecia: A Comprehensive Systematic "
            "Review and Meta-Analysis"
        ),
        "source": "Frontiers in Pharmacology, 2021",
        "url": "https://doi.org/10.3389/fphar.2021.642980",
    },
    {
        "title": (
            "Platelet-rich Plasma for Androgenetic Alopecia Treatment: A Randomized "
            "Placebo-controlled Pilot Study"
        ),
        "source": "Acta Dermato-Venereologica, 2020",
        "url": "https://doi.org/10.2340/00015555-3609",
    },
]

TEAM = {
    "title": "Our team",
    "slug": "team",
    "intro": (
        "The clinicians who assess your hair loss, give your treatment and check the medical "
        "information on this site."
    ),
}

FAQ_INDEX = {
    "title": "Frequently asked questions",
    "slug": "faqs",
    "intro": (
        "Plain answers to the questions patients ask us most about PRP for thinning hair. If "
        "yours isn't here, give us a call."
    ),
}

CONTACT = {
    "title": "Contact us",
    "slug": "contact",
    "intro": "Call us to book a consultation or to ask a question about treatment.",
    "directions": (
        "This is a demo address. Replace it with directions to the clinic, parking and "
        "step-free access details."
    ),
    "form_heading": "Request a consultation",
    "form_intro": "Tell us a little about what you'd like help with and how to reach you.",
    "thank_you_text": (
        "<p>We'll get back to you, in the way you asked, to arrange a consultation. At the "
        "consultation a dermatologist looks at what is behind your hair loss before "
        "recommending anything.</p>"
    ),
    "notification_email": "frontdesk@example.com",
}

# The consultation form's fields; marketers can change them in the admin. The consent tick
# box is added by the site itself (contact/forms.py), worded by the Consent wording snippet.
CONTACT_FORM_FIELDS = [
    {"label": "Your name", "field_type": "singleline", "required": True, "autocomplete": "name"},
    {"label": "Email", "field_type": "email", "required": True, "autocomplete": "email"},
    {
        "label": "Phone",
        "field_type": "tel",
        "required": False,
        "autocomplete": "tel",
        "help_text": "Optional. Include your area code.",
    },
    {
        "label": "How should we contact you?",
        "field_type": "radio",
        "required": True,
        "choices": "Email\nPhone",
        "default_value": "Email",
    },
    {"label": "Service you're interested in", "field_type": "service", "required": False},
    {
        "label": "Your message",
        "field_type": "multiline",
        "required": False,
        "help_text": "Optional. Please don't include anything you'd rather tell us in person.",
    },
]

# --- Clinic details --------------------------------------------------------------------------

CLINIC = {
    "clinic_name": "Demo Hair Restoration Clinic",
    "phone": PHONE,
    "email": "hello@example.com",
    "street_address": "123 Example Street (demo address)",
    "locality": "Los Angeles",
    "region": "CA",
    "postal_code": "90000",
    "country": "US",
    "hours_note": "Closed on Sundays and public holidays.",
    "instagram_url": "https://www.instagram.com/example",
    "youtube_url": "https://www.youtube.com/@example",
    "facebook_url": "https://www.facebook.com/example",
    "linkedin_url": "https://www.linkedin.com/company/example",
}

# Monday to Friday 9–5, Saturday 10–2; Sunday has no row, so it shows as closed.
OPENING_HOURS = [
    {"weekday": day, "closed": False, "opens": time(9), "closes": time(17)} for day in range(5)
] + [{"weekday": 5, "closed": False, "opens": time(10), "closes": time(14)}]

PROVIDER = {
    "name": "Dr. Alex Example",
    "credentials": "MD (demo profile)",
    "role": "Dermatologist",
    "short_bio": (
        "This is a placeholder profile for the demo site. Replace it with the clinic's real "
        "provider: their name, qualifications, a photo and a few sentences about their experience."
    ),
}

# --- FAQs ------------------------------------------------------------------------------------

FAQ_CATEGORIES = [
    {"slug": "about-prp", "name": "About PRP", "sort_order": 1},
    {"slug": "the-treatment", "name": "The treatment", "sort_order": 2},
    {"slug": "results-and-aftercare", "name": "Results and aftercare", "sort_order": 3},
    {"slug": "booking", "name": "Booking", "sort_order": 4},
]

# Answers are rich text, filled in with str.format by the loader: `{contact_page_id}` because
# Wagtail stores internal links by page id (they survive the page being moved or renamed).
# No answer repeats the phone number: editors change it once, in Clinic details. Use no other
# braces in answers.
FAQS = [
    {
        "category": "about-prp",
        "question": "What is PRP?",
        "answer": "<p>PRP stands for platelet-rich plasma. It is prepared from a small sample of "
        "your own blood, spun in a centrifuge to concentrate the platelets and the growth factors "
        "they carry. PRP is also used to support healing in other tissues, such as skin and "
        "ligaments.</p>",
    },
    {
        "category": "about-prp",
        "question": "How is PRP meant to help hair?",
        "answer": "<p>Injected into thinning areas of the scalp, PRP may help hair follicles stay "
        "in their growth phase for longer, help hairs grow thicker and slow hair loss. Studies "
        "suggest it can increase hair count and thickness in some people, but not in "
        "everyone.</p>",
    },
    {
        "category": "about-prp",
        "question": "Does PRP work for women?",
        "answer": "<p>PRP is used for women as well as men. It is most often used for pattern "
        "hair loss (androgenetic alopecia), a hereditary condition that affects both, and for "
        "thinning linked to everyday stress. As for anyone, results vary.</p>",
    },
    {
        "category": "about-prp",
        "question": "Is PRP safe? Could I be allergic to it?",
        "answer": "<p>Because PRP is made from your own blood, nothing foreign is injected, so "
        "there is no foreign substance to cause an allergic reaction. The usual side effects are "
        "mild swelling, redness or tenderness where the injections went in. A dermatologist "
        "checks that the treatment suits you before you start.</p>",
    },
    {
        "category": "the-treatment",
        "question": "Does it hurt?",
        "answer": "<p>A local anesthetic is applied to your scalp before the injections. Your "
        "clinician will explain what to expect at your consultation.</p>",
    },
    {
        "category": "the-treatment",
        "question": "How many sessions will I need?",
        "answer": "<p>A typical course is three sessions, four to six weeks apart, followed by "
        "maintenance sessions every four to six months to keep any results. Your dermatologist "
        "may adjust this plan for you.</p>",
    },
    {
        "category": "the-treatment",
        "question": "Who is not a good candidate for PRP?",
        "answer": "<p>PRP can't grow hair where the follicles are completely gone, so it won't "
        "help areas that are fully bald. If your thinning is linked to stress, PRP may help the "
        "hair but won't deal with the stress behind it. A dermatologist looks at the cause of "
        "your hair loss before recommending PRP.</p>",
    },
    {
        "category": "results-and-aftercare",
        "question": "Is there any downtime?",
        "answer": "<p>Very little. Most people go back to their usual activities almost straight "
        "away. Minor swelling or redness where you were injected is normal and usually settles "
        "within about a day.</p>",
    },
    {
        "category": "results-and-aftercare",
        "question": "What should I avoid after a session?",
        "answer": "<p>For 48 hours afterwards, avoid vigorous exercise, sun exposure and washing "
        "your scalp.</p>",
    },
    {
        "category": "results-and-aftercare",
        "question": "How long until I see results?",
        "answer": "<p>It varies from person to person, and some people don't respond to PRP. "
        "Your clinician will talk you through what is realistic for you at your "
        "consultation.</p>",
    },
    {
        "category": "booking",
        "question": "How do I book a consultation?",
        # No phone number here: it lives in Clinic details, shown in every page's header.
        "answer": "<p>Call us on the number at the top of every page, or find all our "
        'details on the <a linktype="page" id="{contact_page_id}">contact page</a>.</p>',
    },
]
