"""`python -m kuzet` runs the command line."""

from kuzet.cli import main

main()
