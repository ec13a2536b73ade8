"""The study path's content, as data: the 10-week plan, the self-assessment table, fundamentals cards,
experiment-design prompts and the reading list. Loaders live beside the data; the CLI renders."""
