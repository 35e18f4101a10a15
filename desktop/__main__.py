"""``python -m desktop``: the same as the ``newsdesk`` command."""

from desktop.cli import main

if __name__ == "__main__":
    main(prog_name="newsdesk")
