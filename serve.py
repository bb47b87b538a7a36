"""Serve the dashboard with its caches filled before the first visitor.

    uv run streamlit run serve.py      # what ``./run dashboard`` does

``streamlit run`` finds :data:`app` (Streamlit's public ``st.App``) and runs
``dashboard.py`` through it; its start-up hook (``lifespan``) first runs
:func:`app.data.warm_up`: the imports, the data and the default map, which the
first visit after a start otherwise paid for (4.9–9.5 s against 2.9–3.3 s for
a warm visit, issue 18). The server answers only once that is done.
``streamlit run dashboard.py`` still works, with a slower first visit.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st


@asynccontextmanager
async def lifespan(_app: st.App) -> AsyncIterator[None]:
    from app.data import environment, warm_up

    # in a worker thread: the event loop stays free, and the caches are the process's own; the
    # environment carries the store's version, as the dashboard's does, so that they share entries
    await asyncio.to_thread(lambda: warm_up(environment()[0]))
    yield


app = st.App("dashboard.py", lifespan=lifespan)
