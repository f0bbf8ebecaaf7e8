"""Trace: story families, origins, rewrite diffs and the site network.

fingerprints -> index (candidate pairs, sub-quadratic) -> scorer (pair
probability from labelled data) -> families (incremental attach, origin, roles,
parents) -> diff (what each member changed) -> signals and sites.
"""
