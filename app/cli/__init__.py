"""The subcommands of `tiepcan` (design.md §4). Never imports Qt."""
