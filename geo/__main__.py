"""``python -m geo``: see :mod:`geo.cli`."""

from geo.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
