"""Language analysis: pipeline loading, entities with their canonical names, quotes.

spaCy is imported only when a pipeline is loaded, so importing this package is cheap.
"""

from desktop.nlp.analyzer import Analyzer
from desktop.nlp.pipeline import default_pipeline_name, installed_pipelines

__all__ = ["Analyzer", "default_pipeline_name", "installed_pipelines"]
