"""Staged extraction of people, organisations, members and talks from community event posts.

Stages, one module each: read -> parse -> extract -> normalise -> deduplicate -> export.
`pipeline.run.extract_corpus` wires them together; `python -m pipeline extract` is the CLI.
"""

__version__ = "0.1.0"


def load_tables(folder, tables=None):
    """The output tables as typed pandas DataFrames (see `pipeline.load`)."""
    from pipeline.load import load_tables as load

    return load(folder, tables)
