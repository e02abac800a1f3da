"""`python -m luoshi COMMAND`: the management commands users need, under one name.

    python -m luoshi migrate | load-demo | generate-synthetic | import-ledger FILE --user NAME | createsuperuser
    python -m luoshi check        Django's deployment checks (`check --deploy`), failing on any warning
Any Django management command works; dashes are accepted for underscores.
"""
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "luoshi.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    if argv[1:2] == ["check"] and "--deploy" not in argv:
        argv += ["--deploy", "--fail-level", "WARNING"]
    argv[0] = "luoshi"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
