"""FAQs in structured data: a `Question` with its `acceptedAnswer`, on any page that shows it.

Google no longer shows FAQ rich results: the nodes only describe the questions on the page.
"""

from base.structured_data import visible_text


def question_node(faq, page_url: str) -> dict:
    return {
        "@type": "Question",
        "name": faq.question,
        "url": faq.url_on(page_url),
        "acceptedAnswer": {"@type": "Answer", "text": visible_text(faq.answer_html)},
    }
