"""The incident table under the map: every report shown, sortable and searchable, one row a report.

Streamlit's data frame sorts by any column (click its header) and the search box above filters
the rows; picking a row returns its report id (the dashboard then opens its place and day), and
each row's link opens the dashboard on that report (``?report=ID``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from geo.records.table import COLUMNS, search_rows


def incident_table(rows: Sequence[Mapping[str, Any]], *, key: str, height: int = 360) -> str | None:
    """Show ``rows`` (from :func:`geo.records.table.incident_rows`); return the id of the row picked, or None."""
    query = st.text_input(
        "Search the reports",
        key=f"{key}_query",
        placeholder="A place, claimant, outlet or words of the article…",
    )
    found = search_rows(rows, query)
    if query.strip():
        st.caption(f"{len(found):,} of {len(rows):,} report(s) match.")
    event = st.dataframe(
        [{label: row[k] for k, label in COLUMNS.items()} for row in found],
        column_config={
            COLUMNS["link"]: st.column_config.LinkColumn(
                COLUMNS["link"], display_text="open", help="A link that opens the atlas on this report"
            ),
            COLUMNS["reviewed"]: st.column_config.CheckboxColumn(
                COLUMNS["reviewed"], help="Unchecked: a candidate not yet reviewed"
            ),
            COLUMNS["quote"]: st.column_config.TextColumn(COLUMNS["quote"], width="large"),
        },
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key=key,
        height=height,
        width="stretch",
    )
    picked = event.selection.rows
    return str(found[picked[0]]["id"]) if picked and picked[0] < len(found) else None
