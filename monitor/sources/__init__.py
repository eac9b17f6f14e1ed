"""Feed sources: definitions from feeds/*.toml, feed-document parsing, local corpora."""
