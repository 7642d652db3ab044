"""Keys, counters, bundles and merging."""
