"""Article extraction (pure): HTML pages and plain-text documents to ExtractedArticle."""

from monitor.extract.article import extract_article
from monitor.extract.boilerplate import strip_boilerplate
from monitor.extract.charset import decode_html
from monitor.extract.text_document import extract_text_document

__all__ = ["decode_html", "extract_article", "extract_text_document", "strip_boilerplate"]
