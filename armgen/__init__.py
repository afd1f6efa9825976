"""armgen: Azure Machine Learning environments as code."""

__version__ = "0.1.0"
