"""Reading articles: candidate incident reports from English news text.

``text`` (sentences, captions, boilerplate), ``numbers`` (tolls), ``dates``
(date ranges and their precision), ``classify`` (the rules: event type,
claimant, status, actor, control), ``extract`` (the pipeline of an article);
``matching`` (the rules' fast patterns behind need-word pre-filters),
``regex_needs`` (the words a pattern's every match contains), ``rules/`` (the
names and words the rules look for, as data files with their sources) and
``language`` (English or not: other text is refused by name).

May import :mod:`gazetteer`, :mod:`geo.records` and the standard library; never
:mod:`geo.web`, :mod:`geo.cli` or Streamlit.
"""
