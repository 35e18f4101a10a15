"""Export and import of annotations in the formats annotation tools use.

JSONL spans (Prodigy, doccano), brat standoff, spaCy DocBin, W3C Web Annotation, CSV and
Markdown. Everything here works on the plain types of ``desktop.types`` and on
:class:`~desktop.exchange.records.DocumentRecord`; it never touches the library (the use cases
in ``desktop.core.exchange_use_cases`` do) and imports spaCy only inside functions.
"""

from desktop.exchange.catalog import (
    EXPORT_FORMATS,
    FORMAT_NAMES,
    ExportFormat,
    ReadResult,
    WriteResult,
    export_format,
    read_annotations,
    write_records,
)
from desktop.exchange.records import DocumentRecord, article_record

__all__ = [
    "EXPORT_FORMATS",
    "FORMAT_NAMES",
    "DocumentRecord",
    "ExportFormat",
    "ReadResult",
    "WriteResult",
    "article_record",
    "export_format",
    "read_annotations",
    "write_records",
]
