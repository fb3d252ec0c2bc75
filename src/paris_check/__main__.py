"""``python -m paris_check`` runs the command line."""

from ._entry import run

run()
