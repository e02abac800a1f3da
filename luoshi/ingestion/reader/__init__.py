"""The stages of the work-report reader (工作报告解析), in the order they run; `luoshi.ingestion.extract`
puts them together:

1. `text`      — characters mapped one-to-one, the text cut into headings and sentences, short quotes;
2. `context`   — who speaks (organisations) and when (the document's date, years, months);
3. `figures`   — numbers with units found in a sentence, and the ones that are not quantities;
4. `catalogue` — which catalogue indicator a phrase names;
5. `clauses`   — the words of a figure's clause: change, share and count-noun words, the phrase trimmed;
6. `roles`     — what each figure is: its kind, role (target / plan / result), comparator, commitment.

Every word list carries a comment naming the general form it serves; none exists for one sentence.
"""
