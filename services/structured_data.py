"""A service page in structured data: a `MedicalWebPage` about a `MedicalProcedure`.

The procedure carries the steps, preparation and aftercare the page shows; the page node its
clinical review (`lastReviewed`, `reviewedBy`, `citation`, review/structured_data.py); an
`FAQPage` describes the questions shown on it (Google no longer shows FAQ rich results: it only
describes what is on the page). The clinic is named as the provider of the procedure.
"""

from base.structured_data import reference
from faqs.structured_data import question_node
from review.structured_data import clinical_review_nodes

# Every treatment of a hair-restoration clinic is given on the scalp. Make it a field on the
# service page the day the clinic offers one that isn't.
BODY_LOCATION = "Scalp"


def stream_points(stream) -> list[str]:
    """The text of a PointListBlock stream (aftercare, preparation), in order."""
    return [str(block.value) for block in stream or []]


def service_nodes(page, graph) -> list[dict]:
    """MedicalWebPage + MedicalProcedure (+ reviewer, FAQPage) for a service page."""
    page_url = graph.url
    procedure_id = f"{page_url}#procedure"
    graph.node["@type"] = "MedicalWebPage"
    graph.node["about"] = reference(procedure_id)
    nodes = clinical_review_nodes(page, graph.node)

    procedure = {
        "@type": "MedicalProcedure",
        "@id": procedure_id,
        "name": page.title,
        "description": page.summary,
        "url": page_url,
        "bodyLocation": BODY_LOCATION,
    }
    steps = [f"{n}. {step.title}: {step.description}" for n, step in enumerate(page.steps.all(), 1)]
    if steps:
        procedure["howPerformed"] = " ".join(steps)
    preparation = stream_points(page.preparation)
    if preparation:
        procedure["preparation"] = " ".join(preparation)
    followup = stream_points(page.aftercare)
    if page.downtime:
        followup.append(f"Downtime: {page.downtime}")
    if followup:
        procedure["followup"] = " ".join(followup)
    nodes.append(procedure)
    # schema.org links a clinic to what it offers this way (MedicalProcedure has no `provider`
    # property): the clinic is the provider of the page's procedure.
    graph.offers.append(reference(procedure_id))

    faqs = list(page.related_faqs)
    if faqs:
        nodes.append(
            {
                "@type": "FAQPage",
                "@id": f"{page_url}#faqs",
                "url": page_url,
                "name": f"Questions about {page.title}",
                "isPartOf": reference(page_url),
                "mainEntity": [question_node(faq, page_url) for faq in faqs],
            }
        )
    return nodes
