"""The names of the formats ``policyx export`` writes, apart from the exporters themselves.

The command line offers them as choices, and every command builds the same parser (``policyx
extract`` included): importing the exporters for their names cost each start-up ~15 ms of the
serial part that keeps two workers from running twice as fast as one (issue #21).
"""

from __future__ import annotations

TABLE_FORMATS = ("csv", "xlsx", "parquet", "jsonl")
REVIEW_FORMATS = {"label-studio": "Label Studio tasks (JSON) with predictions carrying score and model_version",
                  "doccano": "doccano sequence-labelling JSONL (UTF-16 offsets, as doccano counts them)"}
