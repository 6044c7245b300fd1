"""Run copylint as `python -m copylint`."""

from copylint.cli import main

main()
