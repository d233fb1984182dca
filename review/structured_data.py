"""A medical page's clinical review in structured data: `lastReviewed`, `reviewedBy` (a Person
node for the reviewer, clinic/structured_data.py) and `citation` (its sources)."""

from base.structured_data import reference
from clinic.structured_data import person_node, provider_id


def clinical_review_nodes(page, page_node: dict) -> list[dict]:
    """Adds the review to the page's own node; answers the reviewer's node, if there is one."""
    nodes = []
    if page.last_reviewed:
        page_node["lastReviewed"] = page.last_reviewed.isoformat()
    if page.medical_reviewer is not None:
        page_node["reviewedBy"] = reference(provider_id(page.medical_reviewer))
        nodes.append(person_node(page.medical_reviewer))
    citations = []
    for source in page.references.all():
        citation = {"@type": "CreativeWork", "name": source.title}
        if source.source:
            citation["publisher"] = {"@type": "Organization", "name": source.source}
        if source.url:
            citation["url"] = source.url
        citations.append(citation)
    if citations:
        page_node["citation"] = citations
    return nodes
