"""The command line, ``python -m geo {build,export,extract}``.

May import every other part of :mod:`geo` and :mod:`gazetteer`; nothing imports it.
"""

from geo.cli.main import main

__all__ = ["main"]
