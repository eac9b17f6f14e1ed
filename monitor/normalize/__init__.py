"""Normalization, content hashing, canonical URLs and near-duplicate fingerprints."""

from monitor.normalize.fingerprint import fingerprint
from monitor.normalize.shingles import jaccard, shingle_hashes
from monitor.normalize.text import content_hash, normalize_text
from monitor.normalize.urls import canonicalize_url

__all__ = [
    "canonicalize_url",
    "content_hash",
    "fingerprint",
    "jaccard",
    "normalize_text",
    "shingle_hashes",
]
