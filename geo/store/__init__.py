"""The review store: articles, candidate and curated reports, their review and every change.

``open_store`` opens it: by default the embedded GeoPackage file
``geo.settings.DEFAULT_STORE`` (QGIS and GDAL open it as it is; no SpatiaLite
needed), or a PostgreSQL database with PostGIS given by URL. One schema for
both (SQLAlchemy, GeoAlchemy2), migrated by Alembic (``migrations/``) when it is
opened. ``Store`` adds articles, reads reports, and records every review
change with who, when, before, after and why; nothing is ever deleted.

May import :mod:`gazetteer`, :mod:`geo.records`, :mod:`geo.settings`,
:mod:`geo.exc`; never :mod:`geo.extraction`, :mod:`geo.web`, :mod:`geo.cli` or Streamlit.
"""

from geo.store.errors import BadChange, ConflictError, StoreError
from geo.store.records import AddResult, Change, NewArticle, StoredArticle
from geo.store.schema import REVIEW_STATUSES
from geo.store.store import Store, open_store

__all__ = [
    "AddResult",
    "BadChange",
    "Change",
    "ConflictError",
    "NewArticle",
    "REVIEW_STATUSES",
    "Store",
    "StoredArticle",
    "StoreError",
    "open_store",
]
