"""The knowledge files: their schema, loading and cross-checks; everything else trusts what this hands on."""
