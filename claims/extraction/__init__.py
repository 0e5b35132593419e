"""Extraction stage: papers -> sentences -> mentions -> attribution -> claims table, units normalized, validated.

In the order data flows: text (sentences), grammar and scan (quantities), vocab
and cues (names and words as data), names (the paper's cast), reading (is a
number a result, and of what), attribution (who, on what, against whom),
setting (task and conditions), extract (the step itself), units and normalize,
validate.
"""
