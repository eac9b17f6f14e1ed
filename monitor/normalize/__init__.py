"""Normalization, content hashing, canonical URLs and near-duplicate fingerprints."""

from monitor.normalize.fingerprint import hamming, simhash, simhash_bands
from monitor.normalize.text import content_hash, normalize_text
from monitor.normalize.urls import canonicalize_url

__all__ = [
    "canonicalize_url",
    "content_hash",
    "hamming",
    "normalize_text",
    "simhash",
    "simhash_bands",
]
