"""The coding schemes analysts know (GTD, ACLED, UCDP), derived from our records by each codebook's rules."""
