"""The coding schemes analysts know (GTD, ACLED, UCDP), derived from our records by each codebook's rules.

>>> from pipeline.codebooks import acled_rows, gtd_rows, ucdp_rows
>>> rows = acled_rows(results)        # list of dicts, ACLED's columns in ACLED's order
"""
from .acled import AcledType, acled_type
from .acled_rows import ACLED_COLUMNS, acled_row, acled_rows, iter_acled_rows
from .gtd import GTD_COLUMNS, gtd_row, gtd_rows, iter_gtd_rows
from .ucdp import UCDP_COLUMNS, iter_ucdp_rows, ucdp_row, ucdp_rows

__all__ = ["ACLED_COLUMNS", "GTD_COLUMNS", "UCDP_COLUMNS", "AcledType", "acled_row", "acled_rows", "acled_type",
           "gtd_row", "gtd_rows", "iter_acled_rows", "iter_gtd_rows", "iter_ucdp_rows", "ucdp_row", "ucdp_rows"]
