"""Whether a record's quotes name an entity: the rule the build links by, shared with views."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .models import Record


def alias_pattern(aliases: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern finding any alias as whole words, exactly as the article writes it."""
    names = [alias for alias in aliases if alias]
    if not names:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(alias)}(?!\w)" for alias in names))


def joined_quotes(quotes: Iterable[str]) -> str:
    """Quotes joined so that no alias can match across two of them."""
    return " \n ".join(quotes)


def quotes_name(record: Record, entity: Record) -> bool:
    """True when one of the record's quotes names the entity by one of its aliases."""
    pattern = alias_pattern(entity.aliases)
    text = joined_quotes(span.quote for span in record.sources)
    return pattern is not None and pattern.search(text) is not None
