"""Where a record comes from, as a person reads it: a seed file (“002_b7bdd805f71aa3f4.txt”) by its
article's title, the synthetic filler (“合成:generate-synthetic”) by what made it. The stored text is kept
as written (it is the record's provenance); only its display changes."""
import re

from django.utils.translation import gettext as _

_SEED_FILE = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def readable(text) -> str:
    """The source text with each seed file named by its title (《…》) and the generator in words."""
    from luoshi.core.demo import GENERATED, SEED_TITLES

    text = "" if text is None else str(text)
    if not text:
        return ""
    text = text.replace(GENERATED, _("合成数据（generate-synthetic 命令生成）"))
    return _SEED_FILE.sub(lambda m: _("《%(t)s》") % {"t": SEED_TITLES[m.group(0)]} if m.group(0) in SEED_TITLES
                          else m.group(0), text)
